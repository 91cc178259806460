import type { Redis } from 'ioredis';

/**
 * The fast, shared, losable record of revoked sessions: identity writes it, every gateway
 * replica reads it on every request. The durable record is identity's session table; this is
 * the path that costs no DynamoDB read.
 *
 * Because Redis may lose its data (a restart, a failover, an eviction), a marker key says
 * that the revocations in Redis are complete. Identity sets it only after copying every
 * unexpired revocation from its table; while it is missing, readers are told Redis cannot
 * answer, and ask identity instead. A revoked token is never accepted again because Redis
 * forgot it.
 */
export interface SessionRevocations {
  /** True or false when Redis can answer completely; undefined when it cannot be relied on. */
  isRevoked(sessionId: string): Promise<boolean | undefined>;
  /** Marks sessions revoked until their tokens would have expired anyway. False when Redis failed. */
  revoke(sessionIds: readonly string[], ttlSeconds: number): Promise<boolean>;
  /** Whether Redis holds the complete set (the marker is present). Undefined when Redis is down. */
  isComplete(): Promise<boolean | undefined>;
  /** Declares the set complete; only after every unexpired revocation has been written back. */
  markComplete(): Promise<void>;
}

export function createSessionRevocations({ redis, keyPrefix }: { redis: Redis; keyPrefix: string }): SessionRevocations {
  const key = (sessionId: string) => `${keyPrefix}session:revoked:${sessionId}`;
  const completeKey = `${keyPrefix}session:revocations-complete`;
  return {
    async isRevoked(sessionId) {
      try {
        const [revoked, complete] = await redis.mget(key(sessionId), completeKey);
        if (revoked) return true;
        return complete ? false : undefined;
      } catch {
        return undefined;
      }
    },
    async revoke(sessionIds, ttlSeconds) {
      if (sessionIds.length === 0) return true;
      try {
        const batch = redis.multi();
        for (const sessionId of sessionIds) batch.set(key(sessionId), '1', 'EX', Math.max(1, Math.ceil(ttlSeconds)));
        await batch.exec();
        return true;
      } catch {
        return false;
      }
    },
    async isComplete() {
      try {
        return (await redis.exists(completeKey)) === 1;
      } catch {
        return undefined;
      }
    },
    async markComplete() {
      await redis.set(completeKey, new Date().toISOString());
    },
  };
}
