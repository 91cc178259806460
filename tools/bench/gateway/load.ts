import autocannon from 'autocannon';

/** One GraphQL request shape, and how to tell a right answer from a wrong one. */
export interface Workload {
  name: string;
  /** The request body for connection `connection`'s `n`-th request. */
  body: (connection: number, n: number) => string;
  /** Headers for connection `connection` (its own session, where sessions matter). */
  headers: (connection: number) => Record<string, string>;
  /**
   * Checks one response body: no `errors`, the expected data. Cheap; a full JSON parse and
   * `deepCheck` run on every `DEEP_CHECK_EVERY`-th response, so the load generator's own
   * CPU stays small next to the work it loads.
   */
  looksRight: (body: string) => boolean;
  deepCheck: (parsed: { data?: unknown; errors?: unknown[] }) => boolean;
}

export const DEEP_CHECK_EVERY = 10;

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx, socket errors, timeouts, and 2xx answers whose body was wrong. */
  failed: number;
  wrongBodies: number;
  seconds: number;
}

/** Runs autocannon against `url` for `seconds` with `connections` connections, checking every answer. */
export async function runLoad({ url, workload, connections, seconds }: { url: string; workload: Workload; connections: number; seconds: number }): Promise<LoadResult> {
  let nextConnection = 0;
  let checked = 0;
  let wrongBodies = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    // autocannon checks the duration once per sample: at its default of a second, a short run
    // lasted a whole second whatever it was asked for.
    sampleInt: 100,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: new URL(url).pathname,
        setupRequest: (request, state) => {
          const context = state as Record<string, number>;
          context['connection'] ??= nextConnection++;
          context['n'] = (context['n'] ?? 0) + 1;
          const connection = context['connection'];
          return { ...request, headers: { 'content-type': 'application/json', ...workload.headers(connection) }, body: workload.body(connection, context['n']) };
        },
        onResponse: (status, body) => {
          if (status !== 200) return;
          checked++;
          let right = workload.looksRight(body);
          if (right && checked % DEEP_CHECK_EVERY === 0) {
            try {
              const parsed = JSON.parse(body) as { data?: unknown; errors?: unknown[] };
              right = !parsed.errors?.length && workload.deepCheck(parsed);
            } catch {
              right = false;
            }
          }
          if (!right) wrongBodies++;
        },
      },
    ],
  });
  const total = result.requests.total;
  return {
    requests: total,
    requestsPerSecond: total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts + wrongBodies,
    wrongBodies,
    seconds: result.duration,
  };
}
