import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mainThreadProfile, SAMPLING_INTERVAL_MICROS } from './profiled-gateway.js';

/** A subgraph that wrote a profile of its whole life (start-up, every section) needs time to write it at exit. */
export const PROFILED_SUBGRAPH_STOP_GRACE_MS = 60_000;

/**
 * A subgraph profiled for its whole life: started with `nodeFlags`, so node writes the main
 * thread's profile when the process exits. Only the windows a caller measures (measureWindow)
 * are summarised; `collect` moves the file to `to` once the subgraph stopped.
 */
export interface SubgraphProfiler {
  nodeFlags: string[];
  collect(options: { pid: number; exited: Promise<number | null>; to: string }): Promise<string>;
}

export async function createSubgraphProfiler(): Promise<SubgraphProfiler> {
  const dir = await mkdtemp(join(tmpdir(), 'shopgraph-subgraph-profile-'));
  return {
    nodeFlags: ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', String(SAMPLING_INTERVAL_MICROS)],
    async collect({ pid, exited, to }) {
      const exitCode = await exited;
      await rename(join(dir, await mainThreadProfile(dir, pid, exitCode)), to);
      await rm(dir, { recursive: true, force: true });
      return to;
    },
  };
}
