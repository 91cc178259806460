import { context, propagation } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

let installed = false;

/**
 * Makes the active trace context follow async work (AsyncLocalStorage) and read and write
 * W3C `traceparent` headers. Process-wide by nature, so installed once whatever the number of
 * services in the process; it costs little even when nothing is recorded, and lets an
 * incoming `traceparent` reach the next service unchanged.
 */
export function installContextPropagation(): void {
  if (installed) return;
  installed = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

/** The active trace's `traceparent` (and `tracestate`), ready to send with an outgoing request. */
export function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}
