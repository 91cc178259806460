import type { Redis } from 'ioredis';

export interface SignInLimit {
  allowed: boolean;
  /** Seconds until the next attempt may succeed; set when not allowed. */
  retryAfterSeconds?: number;
}

/**
 * Counts failed sign-ins per account and per client address in fixed windows. It fails
 * closed: when Redis cannot be asked, sign-in is refused for now rather than left unlimited.
 */
export interface SignInLimiter {
  check(email: string, clientIp: string | undefined): Promise<SignInLimit>;
  recordFailure(email: string, clientIp: string | undefined): Promise<void>;
  /** A successful sign-in clears the account's count (not the address's). */
  recordSuccess(email: string): Promise<void>;
}

export function createSignInLimiter({
  redis,
  keyPrefix,
  maxFailures,
  maxFailuresPerIp,
  windowSeconds,
}: {
  redis: Redis;
  keyPrefix: string;
  maxFailures: number;
  maxFailuresPerIp: number;
  windowSeconds: number;
}): SignInLimiter {
  const keysFor = (email: string, clientIp: string | undefined) => [
    `${keyPrefix}signin:account:${email.trim().toLowerCase()}`,
    ...(clientIp ? [`${keyPrefix}signin:ip:${clientIp}`] : []),
  ];
  return {
    async check(email, clientIp) {
      try {
        const keys = keysFor(email, clientIp);
        const counts = await redis.mget(...keys);
        // The account's key comes first, then the address's.
        const blocked = keys.filter((_, index) => Number(counts[index] ?? 0) >= (index === 0 ? maxFailures : maxFailuresPerIp));
        if (blocked.length === 0) return { allowed: true };
        const ttls = await Promise.all(blocked.map((key) => redis.ttl(key)));
        return { allowed: false, retryAfterSeconds: Math.max(1, ...ttls) };
      } catch {
        return { allowed: false, retryAfterSeconds: 30 };
      }
    },
    async recordFailure(email, clientIp) {
      const batch = redis.multi();
      for (const key of keysFor(email, clientIp)) {
        batch.incr(key);
        // NX: the window starts at the first failure and is not extended by later ones.
        batch.expire(key, windowSeconds, 'NX');
      }
      await batch.exec().catch(() => undefined);
    },
    async recordSuccess(email) {
      await redis.del(keysFor(email, undefined)[0] as string).catch(() => undefined);
    },
  };
}
