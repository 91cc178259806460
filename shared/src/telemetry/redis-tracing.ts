import type { Redis } from 'ioredis';
import { inClientSpan } from './in-span.js';
import { activeTelemetry } from './telemetry-context.js';

/** The commands shopgraph sends on a request's path; pub/sub and MULTI stay as they are. */
const TRACED_COMMANDS = ['get', 'mget', 'set', 'del', 'exists', 'eval', 'evalsha', 'publish'] as const;

/**
 * Wraps the client's command methods so a command sent while a request is traced gets a span
 * under that request's service. Wrapped at the call, not where ioredis writes to the socket:
 * with auto-pipelining, the write happens later, in whichever request's context came first.
 * Only the command's name is recorded; keys name sessions and addresses.
 */
export function traceRedisCommands(client: Redis): Redis {
  const methods = client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of TRACED_COMMANDS) {
    const original = methods[name];
    if (typeof original !== 'function') continue;
    const operation = name.toUpperCase();
    methods[name] = function traced(this: unknown, ...args: unknown[]) {
      const telemetry = activeTelemetry();
      if (!telemetry) return original.apply(this, args);
      return inClientSpan(telemetry.tracer, `redis ${operation}`, { 'db.system.name': 'redis', 'db.operation.name': operation }, () =>
        original.apply(this, args),
      );
    };
  }
  return client;
}
