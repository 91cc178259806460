import { createLogger } from '@shopgraph/shared';
import { createRedisClient } from '@shopgraph/shared/server';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestRedis } from '../../../test/support/redis.js';
import { createSignInLimiter } from '../src/store/sign-in-limiter.js';

describe('the sign-in limiter', () => {
  const redis = createTestRedis('sign-in-limiter');
  afterAll(() => redis.cleanup());
  const limiter = createSignInLimiter({ redis: redis.client, keyPrefix: redis.prefix, maxFailures: 3, maxFailuresPerIp: 5, windowSeconds: 60 });

  it('when an account fails three times, then it is blocked with a retry-after, whatever the case of its email', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await limiter.check('Ada@example.com', '10.0.0.1')).allowed).toBe(true);
      await limiter.recordFailure('Ada@example.com', '10.0.0.1');
    }
    const blocked = await limiter.check('ada@EXAMPLE.com', '10.0.0.2');
    expect(blocked.allowed).toBe(false);
    expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('when one address fails across many accounts, then the address is blocked for every account', async () => {
    for (let i = 0; i < 5; i++) await limiter.recordFailure(`spray${i}@example.com`, '10.9.9.9');
    expect((await limiter.check('fresh@example.com', '10.9.9.9')).allowed).toBe(false);
    expect((await limiter.check('fresh@example.com', '10.9.9.8')).allowed).toBe(true);
  });

  it('when a sign-in succeeds, then the account’s count starts over', async () => {
    await limiter.recordFailure('grace@example.com', undefined);
    await limiter.recordFailure('grace@example.com', undefined);
    await limiter.recordSuccess('grace@example.com');
    await limiter.recordFailure('grace@example.com', undefined);
    expect((await limiter.check('grace@example.com', undefined)).allowed).toBe(true);
  });

  it('when Redis cannot be asked, then sign-in is refused (it fails closed)', async () => {
    const dead = createRedisClient({ url: 'redis://127.0.0.1:1', logger: createLogger({ service: 'test', level: 'silent' }) });
    const closed = createSignInLimiter({ redis: dead, keyPrefix: redis.prefix, maxFailures: 3, maxFailuresPerIp: 5, windowSeconds: 60 });
    const answer = await closed.check('anyone@example.com', '10.0.0.1');
    expect(answer.allowed).toBe(false);
    dead.disconnect();
  });
});
