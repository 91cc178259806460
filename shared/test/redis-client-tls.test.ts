import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { createRedisClient } from '../src/redis/redis-client.js';

const logger = createLogger({ service: 'test', level: 'silent' });

describe('the Redis client and TLS', () => {
  it('speaks TLS for a rediss:// URL (ElastiCache with encryption in transit), with the URL’s password', () => {
    const client = createRedisClient({ url: 'rediss://:s3cret-token@cache.example.internal:6380', logger });
    expect(client.options.tls).toBeTruthy();
    expect(client.options.password).toBe('s3cret-token');
    expect(client.options.port).toBe(6380);
    client.disconnect();
  });

  it('control: plain TCP for a redis:// URL', () => {
    const client = createRedisClient({ url: 'redis://127.0.0.1:6379', logger });
    expect(client.options.tls).toBeUndefined();
    client.disconnect();
  });
});
