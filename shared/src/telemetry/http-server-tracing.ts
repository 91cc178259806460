import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contextWithTelemetry } from './telemetry-context.js';
import type { Telemetry } from './telemetry.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Load balancer probes: a trace each would bury the requests that matter. */
const UNTRACED_PATHS = new Set(['/health', '/ready']);

/**
 * Every request a service receives runs in a server span that continues the caller's trace
 * (its `traceparent`, unless the service is at the edge), with the service's telemetry in the
 * context for the code below it. Only the method and a known path are recorded, never a
 * header. A service that neither records nor passes traces on is left as it is.
 */
export function traceRequests(telemetry: Telemetry, handler: Handler): Handler {
  if (!telemetry.recording && !telemetry.continueCallerTraces) return handler;
  return (req, res) => {
    const path = routeOf(req.url);
    if (path !== undefined && UNTRACED_PATHS.has(path)) return handler(req, res);
    const parent = telemetry.continueCallerTraces ? propagation.extract(ROOT_CONTEXT, req.headers) : ROOT_CONTEXT;
    const span = telemetry.tracer.startSpan(
      `${req.method ?? 'HTTP'} ${path ?? 'other'}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '', ...(path ? { 'url.path': path } : {}) } },
      parent,
    );
    const active = contextWithTelemetry(trace.setSpan(parent, span), telemetry);
    // The body arrives in stream events, which would otherwise run outside the request's context.
    context.bind(active, req);
    context.bind(active, res);
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(active, () => handler(req, res));
  };
}

/** The path when it is one of ours (no query, no ids), so span names stay few. */
function routeOf(url: string | undefined): string | undefined {
  const path = (url ?? '').split('?', 1)[0] ?? '';
  return /^\/(graphql|health|ready|internal(\/[a-z-]+){1,3})$/.test(path) ? path : undefined;
}
