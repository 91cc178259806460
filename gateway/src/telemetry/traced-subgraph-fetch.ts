import { inClientSpan, traceHeaders, type Telemetry } from '@shopgraph/shared/server';
import type { SubgraphFetcher } from '../propagation/subgraph-fetcher.js';

type FetchInit = Parameters<SubgraphFetcher['fetch']>[1];

/**
 * One span per fetch to `subgraph`, its `traceparent` sent along so the subgraph's spans
 * join the request's trace. Apollo hands over its own Headers object; it is written through
 * `set`, as the data source does.
 */
export function traceSubgraphFetches(subgraph: string, fetcher: SubgraphFetcher, telemetry: Telemetry): SubgraphFetcher {
  return {
    close: () => fetcher.close(),
    fetch: (url, init) =>
      inClientSpan(telemetry.tracer, `fetch ${subgraph}`, { 'shopgraph.subgraph': subgraph }, async (span) => {
        const response = await fetcher.fetch(url, withTraceHeaders(init));
        span.setAttribute('http.response.status_code', response.status);
        return response;
      }),
  };
}

function withTraceHeaders(init: FetchInit): FetchInit {
  const trace = Object.entries(traceHeaders());
  if (trace.length === 0) return init;
  const headers: unknown = init?.headers;
  if (isHeaders(headers)) {
    for (const [name, value] of trace) headers.set(name, value);
    return init;
  }
  return { ...init, headers: { ...(headers as Record<string, string> | undefined), ...Object.fromEntries(trace) } };
}

function isHeaders(headers: unknown): headers is { set(name: string, value: string): void } {
  return typeof (headers as { set?: unknown } | undefined)?.set === 'function';
}
