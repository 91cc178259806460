/** Latency percentiles and throughput of one request shape, measured in-process over HTTP. */
export interface Measurement {
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  /** DynamoDB calls the subgraph made per request while measuring. */
  dynamoCallsPerRequest: number;
}

export interface MeasureOptions {
  /** Sends one request; rejects on an HTTP or GraphQL error. */
  send: (iteration: number) => Promise<void>;
  /** Reads the subgraph's running count of DynamoDB calls. */
  dynamoCalls: () => number;
  warmup: number;
  /** Sequential requests timed one by one, for latency. */
  samples: number;
  /** Requests kept in flight at once, for throughput. */
  concurrency: number;
  throughputMs: number;
}

export async function measure(options: MeasureOptions): Promise<Measurement> {
  for (let i = 0; i < options.warmup; i++) await options.send(i);
  const callsBefore = options.dynamoCalls();
  const latencies: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    const started = process.hrtime.bigint();
    await options.send(i);
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const dynamoCallsPerRequest = (options.dynamoCalls() - callsBefore) / options.samples;
  latencies.sort((a, b) => a - b);

  let completed = 0;
  const deadline = Date.now() + options.throughputMs;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, worker) => {
      for (let i = worker; Date.now() < deadline; i += options.concurrency) {
        await options.send(i);
        completed++;
      }
    }),
  );
  return {
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    requestsPerSecond: completed / ((Date.now() - started) / 1000),
    dynamoCallsPerRequest,
  };
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
