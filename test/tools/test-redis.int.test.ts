import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestRedis } from '../support/redis.js';

describe('createTestRedis', () => {
  let observer: Redis;
  beforeAll(() => {
    observer = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    await observer.quit();
  });

  it('gives each call a prefix of its own', async () => {
    const a = createTestRedis('tools-redis');
    const b = createTestRedis('tools-redis');
    try {
      expect(a.prefix).toMatch(/^test:tools-redis:[0-9a-f]{8}:$/);
      expect(a.prefix).not.toBe(b.prefix);
    } finally {
      await Promise.all([a.cleanup(), b.cleanup()]);
    }
  });

  it('cleanup() deletes the keys under its prefix, leaves the rest, and closes the client', async () => {
    const redis = createTestRedis('tools-redis');
    const outside = `${redis.prefix.replace(/:$/, '')}-outside`;
    await observer.set(outside, 'kept');
    try {
      // More keys than one SCAN page, so the cursor loop is exercised.
      const keys = Array.from({ length: 1_200 }, (_, i) => `${redis.prefix}key:${i}`);
      await redis.client.mset(...keys.flatMap((key) => [key, 'v']));
      expect(await observer.exists(...keys.slice(0, 3))).toBe(3);

      await redis.cleanup();
      await redis.cleanup();

      expect(await observer.keys(`${redis.prefix}*`)).toEqual([]);
      expect(await observer.get(outside)).toBe('kept');
      expect(redis.client.status).toBe('end');
    } finally {
      await observer.del(outside);
    }
  });

  it('refuses a file tag that would make the prefix a glob', () => {
    expect(() => createTestRedis('tools*')).toThrow(/fileTag/);
  });
});
