import type { BenchSettings } from './bench-options.js';
import { percentSpread, ratioSpread, spread } from './figures.js';
import { roundRatio } from './round-ratios.js';
import { spreadOf, type Spread } from './stats.js';
import { goalsSection } from './throughput-goals.js';
import { TARGET_TITLES, TARGETS, type RoundFigures, type Target, type ThroughputCell } from './throughput.js';
import { WORKLOAD_TITLES, type WorkloadKey } from './workloads.js';

/** The generator is read as the limit from this share of one core kept busy (one JavaScript thread). */
const GENERATOR_LIMIT_SHARE = 0.9;
/** Its core is read as full from this share busy, whoever kept it busy. */
const CORE_FULL_SHARE = 0.95;

const of = (cell: ThroughputCell, pick: (round: RoundFigures) => number | undefined): Spread => spreadOf(cell.rounds.map((round) => pick(round) ?? Number.NaN));
const requestsPerSecond = (round: RoundFigures) => round.requestsPerSecond;
const cpuMsPerRequest = (round: RoundFigures) => round.cpuMsPerRequest;
const added = (ratio: Spread): Spread => ({ min: ratio.min - 1, median: ratio.median - 1, max: ratio.max - 1 });

/** Sections 1 and 2 of the report: every figure as median (min–max) of the rounds, every ratio taken round by round. */
export function throughputSection(cells: ThroughputCell[], settings: BenchSettings): string[] {
  if (cells.length === 0) return [];
  const cell = (workload: WorkloadKey, target: Target) => cells.find((c) => c.workload === workload && c.target === target && !c.refused);
  const workloads = [...new Set(cells.map((c) => c.workload))];
  const measured = (workload: WorkloadKey) => TARGETS.flatMap((target) => cell(workload, target) ?? []);
  const lines = [
    '## 1. Gateway throughput',
    '',
    `Every figure is median (min–max) of ${settings.rounds} rounds of ${settings.measureSeconds} s. Each round runs every target of a workload once, in an order rotated by one target per round, so drift on the machine touches every target alike; ratios are shopgraph ÷ the other, taken round by round (the two figures of the same round) and shown as median (min–max) of those. CPU is the serving process's own (user + system, from /proc) per request.`,
    '',
    '| workload | target | req/s | p50 ms | p99 ms | CPU ms/req | failed / requests | shopgraph req/s ÷ this | shopgraph CPU/req ÷ this |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const workload of workloads) {
    const ours = cell(workload, 'shopgraph');
    for (const target of TARGETS) {
      const c = cells.find((candidate) => candidate.workload === workload && candidate.target === target);
      if (!c) continue;
      if (c.refused) {
        lines.push(`| ${WORKLOAD_TITLES[workload]} | ${TARGET_TITLES[target]} | ${c.refused} | | | | | | |`);
        continue;
      }
      const compare = target !== 'shopgraph';
      lines.push(
        `| ${WORKLOAD_TITLES[workload]} | ${TARGET_TITLES[target]} | ${spread(of(c, requestsPerSecond))} | ${spread(of(c, (r) => r.p50Ms), 1)} | ${spread(of(c, (r) => r.p99Ms), 1)} | ${spread(of(c, cpuMsPerRequest), 2)} | ${c.failed} / ${c.requests} | ${compare ? ratioSpread(roundRatio(ours, c, requestsPerSecond)) : ''} | ${compare ? ratioSpread(roundRatio(ours, c, cpuMsPerRequest)) : ''} |`,
      );
    }
  }
  const cachedRows = workloads.flatMap((workload) => {
    const cached = cell(workload, 'shopgraph-cached');
    const stock = cell(workload, 'stock');
    const uncached = cell(workload, 'shopgraph');
    if (!cached || !stock || !uncached) return [];
    return [
      `| ${WORKLOAD_TITLES[workload]} | ${spread(of(cached, requestsPerSecond))} | ${ratioSpread(roundRatio(cached, stock, requestsPerSecond))} | ${ratioSpread(roundRatio(cached, uncached, requestsPerSecond))} | ${ratioSpread(roundRatio(cached, stock, cpuMsPerRequest))} |`,
    ];
  });
  if (cachedRows.length > 0) {
    lines.push(
      '',
      'With the public response cache on (the default): every request of these workloads asks the same thing, so after the first they are answered from the cache until its max age (`@cacheControl`) lapses.',
      '',
      '| workload | req/s | ÷ stock @apollo/gateway | ÷ shopgraph, cache off | CPU/req ÷ stock |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...cachedRows,
    );
  }
  lines.push(...generatorSection(workloads, measured, settings));
  lines.push('', '### 2. Session cost', '', '| workload | CPU ms/req, sessions on | off | added | req/s on ÷ off |', '| --- | ---: | ---: | ---: | ---: |');
  for (const workload of workloads) {
    const on = cell(workload, 'shopgraph');
    const off = cell(workload, 'shopgraph-sessions-off');
    if (!on || !off) continue;
    lines.push(
      `| ${WORKLOAD_TITLES[workload]} | ${spread(of(on, cpuMsPerRequest), 3)} | ${spread(of(off, cpuMsPerRequest), 3)} | ${percentSpread(added(roundRatio(on, off, cpuMsPerRequest)))} | ${ratioSpread(roundRatio(on, off, requestsPerSecond))} |`,
    );
  }
  lines.push(
    '',
    '"Off" is tools/bench/session/gateway-entry.ts with BENCH_SESSIONS=off-per-token: the same gateway, a token decrypted the first time it is seen and its signed context kept, so no per-request decryption, revocation check or signing. "Added" is CPU/req on ÷ off − 1, round by round. Goal: under 5%.',
    '',
    ...goalsSection(cells),
    '',
    '![throughput](throughput.svg) ![CPU per request](cpu.svg)',
  );
  return lines;
}

/** What the load generator cost in each cell, and whether it, or the core it shares, set the rate. */
function generatorSection(workloads: WorkloadKey[], measured: (workload: WorkloadKey) => ThroughputCell[], settings: BenchSettings): string[] {
  const rows = workloads.flatMap((workload) =>
    measured(workload).map((c) => {
      const share = of(c, (r) => r.generatorCoreShare);
      const core = of(c, (r) => r.generatorCoreBusy);
      const reads = share.median >= GENERATOR_LIMIT_SHARE ? '**generator at its limit**' : core.median >= CORE_FULL_SHARE ? 'its core full' : '';
      return `| ${WORKLOAD_TITLES[workload]} | ${TARGET_TITLES[c.target]} | ${spread(of(c, requestsPerSecond))} | ${spread(of(c, (r) => r.generatorCpuMsPerRequest), 3)} | ${percentSpread(share)} | ${percentSpread(core)} | ${reads} |`;
    }),
  );
  if (rows.length === 0) return [];
  return [
    '',
    '### The load generator',
    '',
    `autocannon runs in the bench's own Node process, on one JavaScript thread, with ${settings.connections} connections. Its CPU is that process's \`process.cpuUsage()\` (user + system, every thread) over each measured run (autocannon's start and stop included, which weighs only when a run completes few requests): per request, and as a share of one core (CPU seconds ÷ the run's seconds), which cannot pass 100% however idle the target. Its core (core 1 when pinned) also runs the subgraphs and DynamoDB Local; "its core busy" is that core's non-idle share from /proc/stat, everything on it included (other work on the machine too); a dash when the generator is not pinned. Read as the limit at a median of ${GENERATOR_LIMIT_SHARE * 100}% of a core or more; its core read as full at ${CORE_FULL_SHARE * 100}% busy.`,
    '',
    '| workload | target | req/s | generator CPU ms/req | generator, share of one core | its core busy | |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    ...rows,
  ];
}
