import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { startServiceProcess, type ServiceProcess, type StartServiceOptions } from '../../stack/service-process.js';

/** Whether `taskset` can pin processes here (Linux with util-linux). */
export const CAN_PIN = spawnSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' }).status === 0;

/** Pins this process (every thread) to `core`; children started afterwards inherit it. */
export function pinSelf(core: number): boolean {
  return pin(process.pid, core);
}

/** Pins a running process, every thread of it, to `core`. */
function pin(pid: number, core: number): boolean {
  if (!CAN_PIN) return false;
  return spawnSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' }).status === 0;
}

/** Every core this machine has, as taskset writes a list: starting processes may use them all. */
const ALL_CORES = `0-${Math.max(0, availableParallelism() - 1)}`;

/** One process of the benchmark: a gateway, a subgraph, a baseline. */
export type BenchProcess = ServiceProcess;

export interface StartBenchProcessOptions extends Omit<StartServiceOptions, 'mode' | 'runUnder' | 'colour'> {
  /**
   * Pinned to this core with taskset, where taskset exists, once it is ready: it starts on every
   * core, since loading a service's code is most of a benchmark's waiting and measures nothing.
   */
  core?: number;
}

/**
 * Starts one process of the benchmark from its TypeScript entry, as `npm start` starts a
 * service, optionally pinned to a core, and resolves once it answers. Its log lines are
 * printed uncoloured (the bench starts everything at LOG_LEVEL=warn: warnings and errors).
 */
export async function startBenchProcess({ core, ...options }: StartBenchProcessOptions): Promise<BenchProcess> {
  const pinned = core !== undefined && CAN_PIN;
  const started = await startServiceProcess({
    readyTimeoutMs: 90_000,
    ...options,
    mode: 'source',
    colour: false,
    // taskset execs node, so the child is node itself and signals reach it.
    ...(pinned ? { runUnder: ['taskset', '-c', ALL_CORES] } : {}),
  });
  if (pinned && !pin(started.pid, core)) {
    await started.stop(2_000);
    throw new Error(`${options.name} could not be pinned to core ${core}`);
  }
  return started;
}
