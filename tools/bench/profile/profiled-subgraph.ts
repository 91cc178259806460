import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad, type Workload } from '../gateway/load.js';
import { processCpuSeconds } from '../session/process-cpu.js';
import { driveRequests } from './drive-requests.js';
import { mainThreadProfile, monotonicMicros, SAMPLING_INTERVAL_MICROS, type ProfiledRun } from './profiled-gateway.js';

/** The rate probe after the warm-up, as profiled-gateway.ts runs it. */
const RATE_PROBE_SECONDS = 2;
/** A subgraph that wrote a profile of its whole life (start-up, every section) needs time to write it at exit. */
export const PROFILED_SUBGRAPH_STOP_GRACE_MS = 60_000;

/**
 * A subgraph profiled for its whole life: started with `nodeFlags`, so node
 * writes the main thread's profile to `dir` when the process exits. Only the window a caller
 * measures (`measureWindow`) is summarised; `collect` finds the file once the subgraph stopped.
 */
export interface SubgraphProfiler {
  nodeFlags: string[];
  measureWindow(options: { url: string; pid: number; workload: Workload; connections: number; requests: number; warmupSeconds: number }): Promise<Omit<ProfiledRun, 'profilePath'>>;
  collect(options: { pid: number; exited: Promise<number | null>; to: string }): Promise<string>;
}

export async function createSubgraphProfiler(): Promise<SubgraphProfiler> {
  const dir = await mkdtemp(join(tmpdir(), 'shopgraph-subgraph-profile-'));
  return {
    nodeFlags: ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', String(SAMPLING_INTERVAL_MICROS)],
    async measureWindow({ url, pid, workload, connections, requests, warmupSeconds }) {
      await runLoad({ url, workload, connections, seconds: warmupSeconds });
      const probe = await runLoad({ url, workload, connections, seconds: RATE_PROBE_SECONDS });
      const cpuBefore = processCpuSeconds(pid);
      const startMicros = monotonicMicros();
      const driven = await driveRequests({ url, workload, connections, requests, expectedRate: probe.requestsPerSecond });
      const endMicros = monotonicMicros();
      return { workload: workload.name, ...driven, window: { startMicros, endMicros }, cpuSeconds: processCpuSeconds(pid) - cpuBefore };
    },
    async collect({ pid, exited, to }) {
      const exitCode = await exited;
      await rename(join(dir, await mainThreadProfile(dir, pid, exitCode)), to);
      await rm(dir, { recursive: true, force: true });
      return to;
    },
  };
}
