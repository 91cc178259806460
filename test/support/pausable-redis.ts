import { createLogger } from '@shopgraph/shared';
import { createRedisClient } from '@shopgraph/shared/server';
import type { Redis } from 'ioredis';
import { inject } from 'vitest';
import type {} from './provided-context.js';

/** The commands shopgraph writes with; reads (GET, MGET, EXISTS, TTL) keep working while paused. */
const WRITES = new Set(['set', 'del', 'unlink', 'incr', 'decr', 'expire', 'eval', 'evalsha']);

/**
 * A service's Redis client whose writes can be made to fail, as `CLIENT PAUSE ... WRITE` or
 * a primary that stops accepting writes would, without pausing the Redis every other test
 * file shares.
 */
export async function createPausableRedis(): Promise<{ client: Redis; pauseWrites(): void; resumeWrites(): void }> {
  const real = createRedisClient({ url: inject('redisUrl'), logger: createLogger({ service: 'test-redis', level: 'silent' }) });
  await real.connect();
  let paused = false;
  const refused = () => Promise.reject(new Error('writes are paused'));
  const client = new Proxy(real, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      // Bound to the real client, so ioredis's own internal calls (auto-pipelining) bypass this.
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      if (!paused || typeof property !== 'string') return method;
      if (WRITES.has(property)) return refused;
      if (property === 'multi') {
        return () =>
          new Proxy(method() as object, {
            get: (batch, name, batchReceiver) => (name === 'exec' ? refused : (Reflect.get(batch, name, batchReceiver) as unknown)),
          });
      }
      return method;
    },
  });
  return {
    client,
    pauseWrites: () => (paused = true),
    resumeWrites: () => (paused = false),
  };
}
