import { context, propagation } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

let propagatorInstalled = false;
let contextManagerInstalled = false;

/**
 * Reads and writes W3C `traceparent` headers and, when `followAsyncWork`, makes the active
 * trace context follow async work (AsyncLocalStorage), which an incoming `traceparent` needs
 * to reach the calls a request makes. Process-wide by nature, so installed once however many
 * services share the process. AsyncLocalStorage slows every promise in the process down a
 * little, so a service that neither records nor passes traces on (the gateway without an
 * exporter) does without it.
 */
export function installContextPropagation({ followAsyncWork }: { followAsyncWork: boolean }): void {
  if (!propagatorInstalled) {
    propagatorInstalled = true;
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  }
  if (followAsyncWork && !contextManagerInstalled) {
    contextManagerInstalled = true;
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  }
}

/** The active trace's `traceparent` (and `tracestate`), ready to send with an outgoing request. */
export function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}
