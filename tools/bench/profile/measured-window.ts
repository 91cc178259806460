import { runLoad, type Workload } from '../gateway/load.js';
import { processCpuSeconds } from '../session/process-cpu.js';
import { driveRequests, type DriveResult } from './drive-requests.js';

/** Microseconds of the monotonic clock, the clock a .cpuprofile's timestamps are read from. */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** The run after the warm-up whose rate sizes the measured run. */
const RATE_PROBE_SECONDS = 2;

export interface MeasuredWindow extends DriveResult {
  workload: string;
  /** The measured requests' span on the monotonic clock: a profile is summarised within it. */
  window: { startMicros: number; endMicros: number };
  /** The process `pid`'s CPU over the window, from /proc. */
  cpuSeconds: number;
}

/**
 * Sends `workload` to `url`: a warm-up and a short run that measures the warm rate (the
 * warm-up's own rate is a cold process's: compiling, loading modules on first use), then
 * `requests` measured requests, whose span and whose CPU in process `pid` it returns. The
 * process profiled is `pid`, whether it is the one `url` names or a subgraph behind it.
 */
export async function measureWindow({
  url,
  pid,
  workload,
  connections,
  requests,
  warmupSeconds,
}: {
  url: string;
  pid: number;
  workload: Workload;
  connections: number;
  requests: number;
  warmupSeconds: number;
}): Promise<MeasuredWindow> {
  await runLoad({ url, workload, connections, seconds: warmupSeconds });
  const probe = await runLoad({ url, workload, connections, seconds: RATE_PROBE_SECONDS });
  const cpuBefore = processCpuSeconds(pid);
  const startMicros = monotonicMicros();
  const driven = await driveRequests({ url, workload, connections, requests, expectedRate: probe.requestsPerSecond });
  const endMicros = monotonicMicros();
  return { workload: workload.name, ...driven, window: { startMicros, endMicros }, cpuSeconds: processCpuSeconds(pid) - cpuBefore };
}
