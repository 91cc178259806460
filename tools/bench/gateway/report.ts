import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../compose/subgraph-list.js';
import type { BenchSettings } from './bench-options.js';
import type { ChurnResults } from './churn.js';
import { fixed, percent } from './figures.js';
import type { MemoryResults } from './memory.js';
import { memoryChart, memorySection } from './memory-report.js';
import { barChart, lineChart } from './svg-charts.js';
import { TARGET_TITLES, TARGETS, type ThroughputCell } from './throughput.js';
import { WORKLOAD_TITLES, type WorkloadKey } from './workloads.js';

/** Where `npm run bench` writes its report (git-ignored, like every result). */
export const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');

const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : '–');

function machine() {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    nproc: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    memoryGb: (totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    commit: `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') ? ' (with uncommitted changes)' : ''}`,
  };
}

function throughputSection(cells: ThroughputCell[]): string[] {
  if (cells.length === 0) return [];
  const cell = (workload: WorkloadKey, target: string) => cells.find((c) => c.workload === workload && c.target === target);
  const workloads = [...new Set(cells.map((c) => c.workload))];
  const lines = [
    '## 1. Gateway throughput',
    '',
    'Medians of the repeats; ratios are shopgraph ÷ the other, measured in this run. CPU is the serving process\'s own (user + system, from /proc) per request.',
    '',
    '| workload | target | req/s | p50 ms | p99 ms | CPU ms/req | failed / requests | shopgraph req/s ÷ this | shopgraph CPU/req ÷ this |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const workload of workloads) {
    const ours = cell(workload, 'shopgraph');
    for (const target of TARGETS) {
      const c = cell(workload, target);
      if (!c) continue;
      if (c.refused) {
        lines.push(`| ${WORKLOAD_TITLES[workload]} | ${TARGET_TITLES[target]} | ${c.refused} | | | | | | |`);
        continue;
      }
      const compare = target !== 'shopgraph' && ours;
      lines.push(
        `| ${WORKLOAD_TITLES[workload]} | ${TARGET_TITLES[target]} | ${fixed(c.requestsPerSecond)} | ${fixed(c.p50Ms, 1)} | ${fixed(c.p99Ms, 1)} | ${fixed(c.cpuMsPerRequest, 2)} | ${c.failed} / ${c.requests} | ${compare ? ratio(ours.requestsPerSecond, c.requestsPerSecond) : ''} | ${compare ? ratio(ours.cpuMsPerRequest, c.cpuMsPerRequest) : ''} |`,
      );
    }
  }
  const cachedRows = workloads.flatMap((workload) => {
    const cached = cell(workload, 'shopgraph-cached');
    const stock = cell(workload, 'stock');
    const uncached = cell(workload, 'shopgraph');
    if (!cached || !stock || !uncached) return [];
    return [`| ${WORKLOAD_TITLES[workload]} | ${fixed(cached.requestsPerSecond)} | ${ratio(cached.requestsPerSecond, stock.requestsPerSecond)} | ${ratio(cached.requestsPerSecond, uncached.requestsPerSecond)} | ${ratio(cached.cpuMsPerRequest, stock.cpuMsPerRequest)} |`];
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
  lines.push('', '### 2. Session cost', '', '| workload | CPU ms/req, sessions on | off | added | req/s on ÷ off |', '| --- | ---: | ---: | ---: | ---: |');
  for (const workload of workloads) {
    const on = cell(workload, 'shopgraph');
    const off = cell(workload, 'shopgraph-sessions-off');
    if (!on || !off) continue;
    lines.push(`| ${WORKLOAD_TITLES[workload]} | ${fixed(on.cpuMsPerRequest, 3)} | ${fixed(off.cpuMsPerRequest, 3)} | ${percent(on.cpuMsPerRequest / off.cpuMsPerRequest - 1)} | ${ratio(on.requestsPerSecond, off.requestsPerSecond)} |`);
  }
  lines.push(
    '',
    '"Off" is tools/bench/session/gateway-entry.ts with BENCH_SESSIONS=off-per-token: the same gateway, a token decrypted the first time it is seen and its signed context kept, so no per-request decryption, revocation check or signing. Goal: under 5%.',
    '',
    '![throughput](throughput.svg) ![CPU per request](cpu.svg)',
  );
  return lines;
}


function churnSection(churn: ChurnResults | undefined): string[] {
  if (!churn) return [];
  const lines = [
    '## 4. Scale-out and churn',
    '',
    '| design | proxy | users | requests | failed | sessions lost | cart lines lost | doubled | consecutive requests on different replicas | schedule |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...churn.runs.map(
      (run) =>
        `| ${run.design === 'shopgraph' ? 'shopgraph' : 'in-memory baseline'} | ${run.proxy} | ${run.users} | ${run.requests} | ${run.failed} | ${run.sessionsLost} | ${run.linesLost} | ${run.linesDoubled} | ${percent(run.differentReplicaShare)} | ${run.events.map((event) => `${event.atSeconds.toFixed(1)} s ${event.action}`).join('; ')} |`,
    ),
    '',
    `Concurrent users held within a p99 of ${churn.p99BudgetMs} ms, nothing failed (anonymous \`Browse\` through the proxy; every replica on the gateway's one core, so three replicas share the CPU one has):`,
    '',
    '| design | replicas | users held | steps (users: p99 ms, req/s) |',
    '| --- | ---: | ---: | --- |',
    ...churn.capacity.map(
      (row) =>
        `| ${row.design === 'shopgraph' ? 'shopgraph' : 'in-memory baseline'} | ${row.replicas} | ${row.usersHeld} | ${row.steps.map((step) => `${step.connections}: ${fixed(step.p99Ms)}, ${fixed(step.requestsPerSecond)}${step.failed ? ` (${step.failed} failed)` : ''}`).join('; ')} |`,
    ),
    '',
    ...churn.runs.map((run) => `![churn ${run.design}](churn-${run.design}.svg)`),
  ];
  return lines;
}

/** Writes report.md, results.json and the SVG charts to bench/results/; returns the Markdown. */
export async function writeReport({
  settings,
  throughput,
  memory,
  churn,
  failures = [],
  seconds,
  pinned,
}: {
  settings: BenchSettings;
  throughput: ThroughputCell[];
  memory?: MemoryResults | undefined;
  churn?: ChurnResults | undefined;
  /** Sections that stopped with an error: named in the report, which keeps what the others measured. */
  failures?: { section: string; error: string }[];
  seconds: number;
  pinned: boolean;
}) {
  const host = machine();
  const markdown = [
    `# npm run bench${settings.quick ? ' -- --quick' : ''}`,
    '',
    `Measured ${new Date().toISOString()} in ${seconds.toFixed(0)} s. Machine: ${host.nproc} × ${host.model}, ${host.memoryGb} GB; Node ${host.node}; commit ${host.commit}.`,
    `Pinning: ${pinned ? 'gateways under test on core 0; subgraphs, DynamoDB Local, haproxy and the load generator (autocannon) on core 1 (Redis is not pinned)' : 'none (no taskset)'}.`,
    `Settings: ${JSON.stringify(settings)}.`,
    '',
    ...failures.map(({ section, error }) => `**The ${section} section failed:** ${error}\n`),
    ...throughputSection(throughput),
    '',
    ...memorySection(memory),
    '',
    ...churnSection(churn),
    '',
  ].join('\n');

  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(join(RESULTS_DIR, 'report.md'), markdown);
  await writeFile(join(RESULTS_DIR, 'results.json'), `${JSON.stringify({ machine: host, settings, throughput, memory, churn }, null, 2)}\n`);
  const workloads = [...new Set(throughput.map((c) => c.workload))];
  const perTarget = (pick: (cell: ThroughputCell) => number) =>
    workloads.map((workload) => ({ label: workload, values: TARGETS.map((target) => pick(throughput.find((c) => c.workload === workload && c.target === target) ?? ({ requestsPerSecond: Number.NaN, cpuMsPerRequest: Number.NaN } as ThroughputCell))) }));
  if (throughput.length > 0) {
    const series = TARGETS.map((target) => TARGET_TITLES[target]);
    await writeFile(join(RESULTS_DIR, 'throughput.svg'), barChart({ title: 'Throughput (median req/s)', unit: 'req/s', groups: perTarget((c) => c.requestsPerSecond), series }));
    await writeFile(join(RESULTS_DIR, 'cpu.svg'), barChart({ title: 'CPU per request of the serving process', unit: 'ms', groups: perTarget((c) => c.cpuMsPerRequest), series }));
  }
  if (memory) {
    await writeFile(join(RESULTS_DIR, 'memory.svg'), memoryChart(memory));
  }
  for (const run of churn?.runs ?? []) {
    await writeFile(
      join(RESULTS_DIR, `churn-${run.design}.svg`),
      lineChart({
        title: `Answers per second while replicas come and go: ${run.design === 'shopgraph' ? 'shopgraph' : 'in-memory baseline'}`,
        unit: 'answers/s',
        xLabel: 'seconds',
        series: [
          { name: 'right', points: run.timeline.map((second, i) => [i, second.ok]) },
          { name: 'failed', points: run.timeline.map((second, i) => [i, second.failed]) },
        ],
        markers: run.events.map((event) => ({ x: event.atSeconds, text: event.action })),
      }),
    );
  }
  return { markdown, path: join(RESULTS_DIR, 'report.md') };
}
