import { runLoad, type Workload } from '../gateway/load.js';

export interface DriveResult {
  requests: number;
  failed: number;
  seconds: number;
}

/**
 * A top-up run's shortest: each run ends by cutting the requests in flight, whose work the
 * gateway still does but nobody counts, and a slow workload (a second a request) may complete
 * none in a shorter one.
 */
const SHORTEST_RUN_SECONDS = 2;
/** The longest: a warming process, or a shared machine, moves the rate, so it is measured again this often. */
const LONGEST_RUN_SECONDS = 10;

/**
 * Sends at least `requests` requests of `workload` to `url` with runLoad, which runs for a time,
 * not a count: runs as long as the rate says the rest of the count takes (`expectedRate` first,
 * then the rate just measured), between 2 and 10 seconds. Few runs, since every run's end leaves
 * uncounted work behind (at most one request a connection); short enough that a wrong rate
 * overshoots by one run at most. The count sent is returned.
 */
export async function driveRequests({
  url,
  workload,
  connections,
  requests,
  expectedRate,
}: {
  url: string;
  workload: Workload;
  connections: number;
  requests: number;
  /** Requests per second of a warm process, measured just before. */
  expectedRate: number;
}): Promise<DriveResult> {
  const total: DriveResult = { requests: 0, failed: 0, seconds: 0 };
  let rate = expectedRate;
  while (total.requests < requests) {
    const seconds = Math.min(LONGEST_RUN_SECONDS, Math.max(SHORTEST_RUN_SECONDS, (requests - total.requests) / rate));
    const run = await runLoad({ url, workload, connections, seconds });
    if (run.requests === 0) throw new Error(`${workload.name}: no request completed in ${seconds.toFixed(1)} s`);
    total.requests += run.requests;
    total.failed += run.failed;
    total.seconds += run.seconds;
    rate = run.requests / run.seconds;
  }
  return total;
}
