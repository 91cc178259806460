import { createLogger } from '@shopgraph/shared';
import { createRedisClient } from '@shopgraph/shared/server';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestRedis } from '../../../test/support/redis.js';
import { createSignInLimiter } from '../src/store/sign-in-limiter.js';
import { createSignUpLimiter } from '../src/store/sign-up-limiter.js';

describe('the sign-in limiter', () => {
  const redis = createTestRedis('sign-in-limiter');
  afterAll(() => redis.cleanup());
  const limiter = createSignInLimiter({ redis: redis.client, keyPrefix: redis.prefix, maxFailures: 3, maxFailuresPerIp: 5, windowSeconds: 60 });

  it('when an account fails three times, then it is blocked with a retry-after, whatever the case of its email', async () => {
    for (let i = 0; i < 3; i++) expect((await limiter.reserve('Ada@example.com', '10.0.0.1')).allowed).toBe(true);
    const blocked = await limiter.reserve('ada@EXAMPLE.com', '10.0.0.2');
    expect(blocked).toMatchObject({ allowed: false });
    expect(blocked.allowed ? 0 : blocked.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.allowed ? 0 : blocked.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('when 60 attempts on one account arrive at once, then exactly the limit pass', async () => {
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => limiter.reserve('race@example.com', `10.1.0.${i}`)));
    expect(answers.filter((answer) => answer.allowed)).toHaveLength(3);
    // Control: another account is untouched by the race.
    expect((await limiter.reserve('bystander@example.com', '10.1.1.1')).allowed).toBe(true);
  });

  it('when 60 attempts from one address on different accounts arrive at once, then exactly the address’s limit pass', async () => {
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => limiter.reserve(`spray${i}@example.com`, '10.9.9.9')));
    expect(answers.filter((answer) => answer.allowed)).toHaveLength(5);
    expect((await limiter.reserve('fresh@example.com', '10.9.9.9')).allowed).toBe(false);
    expect((await limiter.reserve('fresh@example.com', '10.9.9.8')).allowed).toBe(true);
  });

  it('when a sign-in succeeds, then the account’s count starts over and the address gets its attempt back', async () => {
    for (let i = 0; i < 2; i++) await limiter.reserve('grace@example.com', '10.2.0.1');
    await limiter.succeeded('grace@example.com', '10.2.0.1');
    for (let i = 0; i < 3; i++) expect((await limiter.reserve('grace@example.com', '10.2.0.1')).allowed).toBe(true);
    expect((await limiter.reserve('grace@example.com', '10.2.0.1')).allowed).toBe(false);
    // The address counted 2 + 3 - 1 refunded: one left of its five.
    expect((await limiter.reserve('other@example.com', '10.2.0.1')).allowed).toBe(true);
    expect((await limiter.reserve('third@example.com', '10.2.0.1')).allowed).toBe(false);
  });

  it('when the check never ran, then neither the account nor the address is charged', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await limiter.reserve('abandoned@example.com', '10.3.0.1')).allowed).toBe(true);
      await limiter.abandoned('abandoned@example.com', '10.3.0.1');
    }
    expect((await limiter.reserve('abandoned@example.com', '10.3.0.1')).allowed).toBe(true);
  });

  it('when addresses of one IPv6 /64 guess on different accounts, then they share the address’s limit; another /64 does not (control)', async () => {
    const oneNetwork = Array.from({ length: 5 }, (_, i) => `2001:db8:5:1::${(i + 1).toString(16)}`);
    for (const [i, address] of oneNetwork.entries()) expect((await limiter.reserve(`v6-${i}@example.com`, address)).allowed).toBe(true);
    // Another host of the same /64, spelt out in full: the allowance is spent.
    expect((await limiter.reserve('v6-late@example.com', '2001:0db8:0005:0001:ffff:0000:0000:0001')).allowed).toBe(false);
    expect((await limiter.reserve('v6-late@example.com', '2001:db8:5:2::1')).allowed).toBe(true);
  });

  it('when an IPv4 client arrives mapped into IPv6 and plain, then both count against one allowance', async () => {
    for (let i = 0; i < 5; i++) await limiter.reserve(`mapped-${i}@example.com`, i % 2 ? '::ffff:10.5.0.1' : '10.5.0.1');
    expect((await limiter.reserve('mapped-late@example.com', '10.5.0.1')).allowed).toBe(false);
    expect((await limiter.reserve('mapped-late@example.com', '::ffff:10.5.0.2')).allowed).toBe(true);
  });

  it('when Redis cannot be asked, then sign-in is refused as unavailable (it fails closed)', async () => {
    const dead = createRedisClient({ url: 'redis://127.0.0.1:1', logger: createLogger({ service: 'test', level: 'silent' }) });
    const closed = createSignInLimiter({ redis: dead, keyPrefix: redis.prefix, maxFailures: 3, maxFailuresPerIp: 5, windowSeconds: 60 });
    expect(await closed.reserve('anyone@example.com', '10.0.0.1')).toMatchObject({ allowed: false, unavailable: true });
    dead.disconnect();
  });
});

describe('the sign-up limiter', () => {
  const redis = createTestRedis('sign-up-limiter');
  afterAll(() => redis.cleanup());

  it('when one address signs up in parallel past its limit, then exactly the limit pass and other addresses are untouched', async () => {
    const limiter = createSignUpLimiter({ redis: redis.client, keyPrefix: redis.prefix, maxPerIp: 4, windowSeconds: 60 });
    const answers = await Promise.all(Array.from({ length: 30 }, () => limiter.reserve('10.4.0.1')));
    expect(answers.filter((answer) => answer.allowed)).toHaveLength(4);
    expect((await limiter.reserve('10.4.0.2')).allowed).toBe(true);
  });

  it('when addresses of one IPv6 /64 sign up, then they share one allowance; another /64 does not (control)', async () => {
    const limiter = createSignUpLimiter({ redis: redis.client, keyPrefix: redis.prefix, maxPerIp: 4, windowSeconds: 60 });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => limiter.reserve(`2001:db8:4:1:${i.toString(16)}::1`)));
    expect(answers.filter((answer) => answer.allowed)).toHaveLength(4);
    expect((await limiter.reserve('2001:db8:4:2::1')).allowed).toBe(true);
  });
});
