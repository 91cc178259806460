import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { createLogThrottle } from '../logging/log-throttle.js';
import { traceRedisCommands } from '../telemetry/redis-tracing.js';

export interface RedisClientOptions {
  url: string;
  logger: Logger;
  /** Every command fails after this long rather than hanging a request. */
  commandTimeoutMs?: number;
}

/**
 * Redis holds only losable fast paths, so the client is built to fail fast: no offline
 * queue (a command while disconnected errors at once instead of waiting), a command timeout,
 * one retry per request, and reconnection in the background.
 */
export function createRedisClient({ url, logger, commandTimeoutMs = 300 }: RedisClientOptions): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    // Commands issued in the same tick share one write: the gateway's per-request revocation
    // check costs less CPU under concurrency.
    enableAutoPipelining: true,
  });
  // An unreachable Redis emits an error per reconnect attempt; one line in ten seconds is enough.
  const throttle = createLogThrottle(10_000);
  client.on('error', (error: Error) => {
    const logged = throttle.take();
    if (logged) logger.warn({ err: { message: error.message }, ...logged }, 'redis unavailable');
  });
  return traceRedisCommands(client);
}

/** Connects without letting a dead Redis block start-up: the client keeps retrying in the background. */
export async function connectRedis(client: Redis, logger: Logger): Promise<void> {
  try {
    await client.connect();
  } catch (error) {
    logger.warn({ err: { message: (error as Error).message } }, 'redis not reachable at start; continuing and retrying');
  }
}
