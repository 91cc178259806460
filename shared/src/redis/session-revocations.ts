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
 *
 * The marker expires unless identity renews it, and identity renews it only while no
 * revocation is waiting to be written: a revocation whose Redis write failed therefore lets
 * the marker lapse, and readers fall back to identity, until it has been written.
 */
export interface SessionRevocations {
  /** True or false when Redis can answer completely; undefined when it cannot be relied on. */
  isRevoked(sessionId: string): Promise<boolean | undefined>;
  /** Marks sessions revoked until their tokens would have expired anyway. False when Redis failed. */
  revoke(sessionIds: readonly string[], ttlSeconds: number): Promise<boolean>;
  /** Whether Redis holds the complete set (the marker is present). Undefined when Redis is down. */
  isComplete(): Promise<boolean | undefined>;
  /**
   * Declares the set complete for `ttlSeconds`; only while every unexpired revocation is in
   * Redis. Throws when Redis failed.
   */
  markComplete(ttlSeconds: number): Promise<void>;
  /** Withdraws the marker at once (best effort): a revocation could not be written. */
  withdrawComplete(): Promise<void>;
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
    async markComplete(ttlSeconds) {
      await redis.set(completeKey, new Date().toISOString(), 'EX', Math.max(1, Math.ceil(ttlSeconds)));
    },
    async withdrawComplete() {
      await redis.del(completeKey).catch(() => undefined);
    },
  };
}
