import type { Redis } from 'ioredis';

/**
 * The fast, shared, losable record of revoked sessions: identity writes it, every gateway
 * replica reads it on every request. The durable record is identity's session table; this is
 * the path that costs no DynamoDB read.
 */
export interface SessionRevocations {
  /** True or false when Redis answered; undefined when it could not be asked. */
  isRevoked(sessionId: string): Promise<boolean | undefined>;
  /** Marks sessions revoked until their tokens would have expired anyway. False when Redis failed. */
  revoke(sessionIds: readonly string[], ttlSeconds: number): Promise<boolean>;
}

export function createSessionRevocations({ redis, keyPrefix }: { redis: Redis; keyPrefix: string }): SessionRevocations {
  const key = (sessionId: string) => `${keyPrefix}session:revoked:${sessionId}`;
  return {
    async isRevoked(sessionId) {
      try {
        return (await redis.exists(key(sessionId))) === 1;
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
  };
}
