import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../../compose/subgraph-list.js';
import { findFreePort } from '../../dynamodb-local/free-port.js';
import type { Workload } from '../gateway/load.js';
import { startBenchProcess } from '../gateway/bench-process.js';
import type { SubgraphStack } from '../gateway/subgraph-stack.js';
import { NO_RESPONSE_CACHE } from '../gateway/throughput.js';
import { measureWindow, type MeasuredWindow } from './measured-window.js';

/** Sampling every 0.5 ms: twice node's default, a few thousand samples per workload. */
export const SAMPLING_INTERVAL_MICROS = 500;
/** Long enough for a stop that drains, closes Redis and writes a profile of a few MB. */
const STOP_GRACE_MS = 60_000;

export interface ProfiledRun extends MeasuredWindow {
  profilePath: string;
}

/**
 * Runs one workload against a shopgraph gateway of its own, started with `--cpu-prof` as
 * `npm run bench` starts its `shopgraph` target (response cache off unless asked for, pinned to core 0): a
 * warm-up and a short run that measures the warm rate, then `requests` measured requests. The
 * gateway is then stopped with SIGTERM; its graceful stop ends in process.exit, which is when
 * node writes the profile. Start-up and warm-up are in the file too; the window says which
 * samples are the measured requests.
 */
export async function profileWorkload({
  stack,
  workload,
  connections,
  requests,
  warmupSeconds,
  dir,
  responseCache = false,
}: {
  stack: SubgraphStack;
  workload: Workload;
  connections: number;
  requests: number;
  warmupSeconds: number;
  dir: string;
  /** The response cache on, as the gateway ships (1,000 entries), instead of off as the throughput targets run. */
  responseCache?: boolean;
}): Promise<ProfiledRun> {
  const runDir = join(dir, `profile-${workload.name}`);
  await rm(runDir, { recursive: true, force: true });
  await mkdir(runDir, { recursive: true });
  const gateway = await startBenchProcess({
    name: `gateway (${workload.name}, profiled)`,
    entry: 'gateway/src/main.ts',
    port: await findFreePort(),
    cwd: REPO_ROOT,
    core: 0,
    probe: 'ready',
    env: { ...stack.gatewayEnv, ...(responseCache ? {} : NO_RESPONSE_CACHE) },
    nodeFlags: ['--cpu-prof', '--cpu-prof-dir', runDir, '--cpu-prof-interval', String(SAMPLING_INTERVAL_MICROS)],
  });
  let measured: MeasuredWindow;
  try {
    measured = await measureWindow({ url: gateway.url, pid: gateway.pid, workload, connections, requests, warmupSeconds });
  } finally {
    await gateway.stop(STOP_GRACE_MS);
  }
  const exitCode = await gateway.exited;
  const profilePath = join(dir, `gateway-${workload.name}.cpuprofile`);
  await rename(join(runDir, await mainThreadProfile(runDir, gateway.pid, exitCode)), profilePath);
  await rm(runDir, { recursive: true, force: true });
  return { ...measured, profilePath };
}

/**
 * node names a profile CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; with `--import tsx`
 * the module loader's thread may write one of its own, so the main thread's (0) is picked.
 */
export async function mainThreadProfile(dir: string, pid: number, exitCode: number | null): Promise<string> {
  const name = (await readdir(dir)).find((file) => new RegExp(`^CPU\\.\\d+\\.\\d+\\.${pid}\\.0\\.\\d+\\.cpuprofile$`).test(file));
  if (!name) throw new Error(`process ${pid} (exit code ${exitCode}) wrote no CPU profile to ${dir}: was it killed before its stop finished?`);
  return name;
}
