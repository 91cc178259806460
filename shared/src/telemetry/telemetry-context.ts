import { context, createContextKey, type Context } from '@opentelemetry/api';
import type { Telemetry } from './telemetry.js';

const TELEMETRY_KEY = createContextKey('shopgraph.telemetry');

/**
 * Several services may share a process (the tests run the whole stack in one), so code shared
 * between them (the internal HTTP client, Redis) cannot hold one process-wide tracer. The
 * service that received a request puts its telemetry in the request's context; shared code
 * reads it from there and records under that service's name.
 */
export function contextWithTelemetry(parent: Context, telemetry: Telemetry): Context {
  return parent.setValue(TELEMETRY_KEY, telemetry);
}

/** The telemetry of the service whose request is running; undefined outside a request. */
export function activeTelemetry(): Telemetry | undefined {
  return context.active().getValue(TELEMETRY_KEY) as Telemetry | undefined;
}
