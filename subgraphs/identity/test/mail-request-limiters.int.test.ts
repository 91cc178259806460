import { afterAll, describe, expect, it } from 'vitest';
import { createTestRedis } from '../../../test/support/redis.js';
import { createPasswordResetLimiter, createVerificationEmailLimiter } from '../src/store/mail-request-limiters.js';

describe('the limits on requests that send email', () => {
  const redis = createTestRedis('mail-request-limiters');
  afterAll(() => redis.cleanup());

  it('when one email is asked about past its limit, then refused with a retry-after, whatever its case and the address asking', async () => {
    const limiter = createPasswordResetLimiter({ redis: redis.client, keyPrefix: `${redis.prefix}a:`, maxPerAccount: 2, maxPerIp: 100, windowSeconds: 60 });
    expect((await limiter.reserve('Ada@example.com', '10.0.0.1')).allowed).toBe(true);
    expect((await limiter.reserve('ada@EXAMPLE.com', '10.0.0.2')).allowed).toBe(true);
    const refused = await limiter.reserve('ada@example.com', '10.0.0.3');
    expect(refused).toMatchObject({ allowed: false });
    expect(refused.allowed ? 0 : refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Control: another email is untouched.
    expect((await limiter.reserve('grace@example.com', '10.0.0.3')).allowed).toBe(true);
  });

  it('when one client address asks about many emails, then only its limit pass, counted by /64 for IPv6', async () => {
    const limiter = createPasswordResetLimiter({ redis: redis.client, keyPrefix: `${redis.prefix}b:`, maxPerAccount: 100, maxPerIp: 5, windowSeconds: 60 });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => limiter.reserve(`spray${i}@example.com`, `2001:db8::${i + 1}`)));
    expect(answers.filter((answer) => answer.allowed)).toHaveLength(5);
    // Control: another /64 has its own allowance.
    expect((await limiter.reserve('spray@example.com', '2001:db8:0:1::1')).allowed).toBe(true);
  });

  it('when a customer asks for verification emails past the limit, then refused; another customer is not', async () => {
    const limiter = createVerificationEmailLimiter({ redis: redis.client, keyPrefix: `${redis.prefix}c:`, maxPerAccount: 2, windowSeconds: 60 });
    expect((await limiter.reserve('cus_1', '10.0.0.1')).allowed).toBe(true);
    expect((await limiter.reserve('cus_1', '10.0.0.1')).allowed).toBe(true);
    expect((await limiter.reserve('cus_1', '10.0.0.1')).allowed).toBe(false);
    expect((await limiter.reserve('cus_2', '10.0.0.1')).allowed).toBe(true);
  });
});
