import { readFileSync } from 'node:fs';

/** What the load generator cost over one measured run. */
export interface GeneratorCpu {
  /** CPU seconds (user + system, every thread) of this process, where autocannon runs. */
  cpuSeconds: number;
  wallSeconds: number;
  /** Share of the generator's core busy with anything (the subgraphs too); absent when it is not pinned to one. */
  coreBusy?: number;
}

/**
 * Starts measuring the load generator: autocannon runs in the bench's own process, on one
 * JavaScript thread, so this process's CPU over a run is the generator's (the bench does nothing
 * else while autocannon runs). `core`, the core it is pinned to, is read from /proc/stat as well:
 * it is shared with the subgraphs, so the generator can be the limit before it fills a core.
 * Call the returned function when the run ends.
 */
export function startGeneratorCpu(core: number | undefined): () => GeneratorCpu {
  const cpuBefore = process.cpuUsage();
  const wallBefore = process.hrtime.bigint();
  const coreBefore = core === undefined ? undefined : coreTicks(core);
  return () => {
    const cpu = process.cpuUsage(cpuBefore);
    const wallSeconds = Number(process.hrtime.bigint() - wallBefore) / 1e9;
    const coreAfter = core === undefined ? undefined : coreTicks(core);
    const total = coreBefore && coreAfter ? coreAfter.total - coreBefore.total : 0;
    return {
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      wallSeconds,
      ...(coreBefore && coreAfter && total > 0 ? { coreBusy: (coreAfter.busy - coreBefore.busy) / total } : {}),
    };
  };
}

/** One core's clock ticks from /proc/stat (Linux): all of them, and those not idle or waiting on I/O. */
function coreTicks(core: number): { total: number; busy: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/stat', 'utf8');
  } catch {
    return undefined;
  }
  const line = stat.split('\n').find((row) => row.startsWith(`cpu${core} `));
  if (!line) return undefined;
  // user nice system idle iowait irq softirq steal (guest time is counted in user already).
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((sum, value) => sum + value, 0);
  return { total, busy: total - (ticks[3] ?? 0) - (ticks[4] ?? 0) };
}
