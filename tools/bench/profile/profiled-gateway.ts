import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../../compose/subgraph-list.js';
import { findFreePort } from '../../dynamodb-local/free-port.js';
import { runLoad, type Workload } from '../gateway/load.js';
import { startBenchProcess } from '../gateway/bench-process.js';
import type { SubgraphStack } from '../gateway/subgraph-stack.js';
import { NO_RESPONSE_CACHE } from '../gateway/throughput.js';
import { processCpuSeconds } from '../session/process-cpu.js';
import { driveRequests, type DriveResult } from './drive-requests.js';

/** Microseconds of the monotonic clock, the clock a .cpuprofile's timestamps are read from. */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** Sampling every 0.5 ms: twice node's default, a few thousand samples per workload. */
export const SAMPLING_INTERVAL_MICROS = 500;
/** The run after the warm-up whose rate sizes the measured run. */
const RATE_PROBE_SECONDS = 2;
/** Long enough for a stop that drains, closes Redis and writes a profile of a few MB. */
const STOP_GRACE_MS = 60_000;

export interface ProfiledRun extends DriveResult {
  workload: string;
  profilePath: string;
  /** The measured requests' span on the monotonic clock: the profile is summarised within it. */
  window: { startMicros: number; endMicros: number };
  /** The profiled process's CPU over the window, from /proc. */
  cpuSeconds: number;
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
  let measured: Omit<ProfiledRun, 'profilePath'>;
  try {
    await runLoad({ url: gateway.url, workload, connections, seconds: warmupSeconds });
    // The warm-up's own rate is a cold process's (compiling, loading modules on first use): the
    // rate of a short run after it sizes the measured run.
    const probe = await runLoad({ url: gateway.url, workload, connections, seconds: RATE_PROBE_SECONDS });
    const cpuBefore = processCpuSeconds(gateway.pid);
    const startMicros = monotonicMicros();
    const driven = await driveRequests({ url: gateway.url, workload, connections, requests, expectedRate: probe.requestsPerSecond });
    const endMicros = monotonicMicros();
    measured = { workload: workload.name, ...driven, window: { startMicros, endMicros }, cpuSeconds: processCpuSeconds(gateway.pid) - cpuBefore };
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
