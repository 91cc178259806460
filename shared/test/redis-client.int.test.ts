import { connectRedis, createRedisClient } from '@shopgraph/shared/server';
import type { Redis } from 'ioredis';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { createTestRedis } from '../../test/support/redis.js';
import { createLogSink } from './support/log-sink.js';

/** Rejects when `promise` has not settled within `ms`: the bound on "does not hang". */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('redis client', () => {
  const testRedis = createTestRedis('shared-redis-client');
  const clients: Redis[] = [];

  function client(url: string) {
    const logs = createLogSink('redis-test');
    const redis = createRedisClient({ url, logger: logs.logger });
    clients.push(redis);
    return { redis, logs };
  }

  afterEach(() => {
    for (const redis of clients.splice(0)) redis.disconnect();
  });
  afterAll(async () => {
    await testRedis.cleanup();
  });

  describe('against the real Redis', () => {
    it('when connected, then commands work', async () => {
      const { redis, logs } = client(inject('redisUrl'));
      await connectRedis(redis, logs.logger);
      expect(redis.status).toBe('ready');
      const key = `${testRedis.prefix}greeting`;
      expect(await redis.set(key, 'hello', 'EX', 60)).toBe('OK');
      expect(await redis.get(key)).toBe('hello');
      // And the test's own connection sees the write: it really reached the server.
      expect(await testRedis.client.get(key)).toBe('hello');
      expect(logs.text()).not.toContain('redis not reachable');
    });

    it('when created, then it does not connect until asked (nothing connects at import or construction)', async () => {
      const { redis } = client(inject('redisUrl'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(redis.status).toBe('wait');
      await expect(redis.get(`${testRedis.prefix}x`)).rejects.toThrow(/enableOfflineQueue/);
    });
  });

  describe('against a closed port', () => {
    it('when connecting, then connectRedis neither throws nor waits, and says so in the log', async () => {
      const { redis, logs } = client('redis://127.0.0.1:1');
      await within(connectRedis(redis, logs.logger), 3_000, 'connectRedis');
      expect(redis.status).not.toBe('ready');
      expect(logs.entries().some((entry) => entry['msg'] === 'redis not reachable at start; continuing and retrying' && entry['level'] === 40)).toBe(true);
    });

    it('when a command is sent, then it rejects at once instead of waiting in an offline queue', async () => {
      const { redis, logs } = client('redis://127.0.0.1:1');
      await connectRedis(redis, logs.logger);
      await expect(within(redis.get('any-key'), 1_000, 'GET')).rejects.toThrow(/enableOfflineQueue/);
      await expect(within(redis.set('any-key', 'v'), 1_000, 'SET')).rejects.toThrow(/enableOfflineQueue/);
    });

    it('when reconnect attempts keep failing, then the log is not flooded with one line per attempt', async () => {
      const { redis, logs } = client('redis://127.0.0.1:1');
      await connectRedis(redis, logs.logger);
      // Retries run every 200-400 ms at first: a second and a half is several attempts.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const unavailable = logs.entries().filter((entry) => entry['msg'] === 'redis unavailable');
      expect(unavailable.length).toBeLessThanOrEqual(1);
    });
  });

  describe('against a server that accepts connections but never answers', () => {
    let silent: Server;
    const sockets = new Set<Socket>();

    afterEach(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it('when connecting and sending a command, then neither hangs', async () => {
      silent = createServer((socket) => {
        sockets.add(socket);
        socket.on('data', () => undefined);
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const { port } = silent.address() as AddressInfo;
      const { redis, logs } = client(`redis://127.0.0.1:${port}`);
      await within(connectRedis(redis, logs.logger), 3_000, 'connectRedis');
      expect(redis.status).not.toBe('ready');
      await expect(within(redis.get('k'), 2_000, 'GET')).rejects.toThrow();
    });
  });
});
