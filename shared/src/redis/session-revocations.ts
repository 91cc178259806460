import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { endedByMark } from '../session/session-mark.js';
import type { Session } from '../session/session-claims.js';

/**
 * The fast, shared, losable record of ended sessions: identity writes it, every gateway
 * replica reads it on every request. The durable record is identity's table; this is the path
 * that costs no DynamoDB read. It holds two kinds of entry: a revoked session (sign-out,
 * revokeSession, the session a sign-in replaced) and a customer's mark, which ends every
 * session of the customer up to a sign-in number (sign-out everywhere, a role change; see
 * session-mark.ts).
 *
 * Because Redis may lose its data (a restart, a failover), a marker key says that the entries
 * in Redis are complete. Identity sets it only after copying every unexpired entry from its
 * table; while it is missing, readers are told Redis cannot answer, and ask identity instead.
 * A revoked token is never accepted again because Redis forgot it.
 *
 * The marker expires unless identity renews it, and identity renews it only while no entry is
 * waiting to be written: one whose Redis write failed therefore lets the marker lapse, and
 * readers fall back to identity, until it has been written.
 *
 * Any error reply counts as Redis being down, whatever its cause: with `maxmemory-policy
 * noeviction` a full Redis refuses writes (`OOM command not allowed …`) and still answers reads
 * and deletes, so a refused write is reported as not written, and the marker can be deleted
 * but not set.
 */
export interface SessionRevocations {
  /**
   * Whether the session has ended: revoked itself, or numbered at or below its customer's mark.
   * True or false when Redis can answer completely; undefined when it cannot be relied on.
   */
  isEnded(session: Pick<Session, 'sessionId' | 'customerId' | 'signInNumber'>): Promise<boolean | undefined>;
  /** Marks sessions revoked until their tokens would have expired anyway. False when Redis failed. */
  revoke(sessionIds: readonly string[], ttlSeconds: number): Promise<boolean>;
  /**
   * Ends every session of the customer numbered `through` or below, for `ttlSeconds`; a higher
   * mark already there is kept. False when Redis failed.
   */
  endSessionsThrough(customerId: string, through: number, ttlSeconds: number): Promise<boolean>;
  /** Whether Redis holds the complete set (the marker is present). Undefined when Redis is down. */
  isComplete(): Promise<boolean | undefined>;
  /**
   * Starts copying every unexpired entry back into a Redis that lost them: writes a key of this
   * copy's own that a second loss during the copy would take with it, and answers its name for
   * markComplete.
   */
  beginRestore(ttlSeconds: number): Promise<string>;
  /**
   * Declares the set complete for `ttlSeconds`; only while every unexpired entry is in Redis.
   * Without `restore`, it renews the marker the caller saw; with the name beginRestore answered,
   * it follows that copy. The marker, or that restore's key, must still be in Redis, or Redis
   * lost its data after the caller looked, and the marker is not set (false: the next round
   * restores). Throws when Redis failed.
   */
  markComplete(ttlSeconds: number, restore?: string): Promise<boolean>;
  /** Withdraws the marker at once (best effort): an entry could not be written. */
  withdrawComplete(): Promise<void>;
}

/**
 * Sets the mark unless one at least as high is there: two marks written at once by different
 * replicas may reach Redis in either order, and the later mark (the higher number) must win.
 */
const RAISE_MARK = `
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
if current < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
end
return 1
`;

/**
 * Sets the marker (KEYS[1]) only while KEYS[2] is still there: the marker itself when renewing
 * it, or the key a restore began with. A Redis that lost its data between the caller's look and
 * this write loses that key too, and is not vouched for.
 */
const MARK_COMPLETE = `
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
if KEYS[2] ~= KEYS[1] then redis.call('DEL', KEYS[2]) end
return 1
`;

const ttl = (seconds: number) => Math.max(1, Math.ceil(seconds));

export function createSessionRevocations({ redis, keyPrefix }: { redis: Redis; keyPrefix: string }): SessionRevocations {
  const key = (sessionId: string) => `${keyPrefix}session:revoked:${sessionId}`;
  const markKey = (customerId: string) => `${keyPrefix}session:ended-through:${customerId}`;
  const completeKey = `${keyPrefix}session:revocations-complete`;
  const restoringKey = () => `${keyPrefix}session:revocations-restoring:${randomUUID()}`;
  return {
    async isEnded({ sessionId, customerId, signInNumber }) {
      try {
        // One round trip: the session's own key, the marker and, when signed in, its customer's mark.
        const [revoked, complete, through] = await redis.mget(key(sessionId), completeKey, ...(customerId ? [markKey(customerId)] : []));
        if (revoked) return true;
        if (through && endedByMark(signInNumber, Number(through))) return true;
        return complete ? false : undefined;
      } catch {
        return undefined;
      }
    },
    async revoke(sessionIds, ttlSeconds) {
      if (sessionIds.length === 0) return true;
      try {
        const batch = redis.multi();
        for (const sessionId of sessionIds) batch.set(key(sessionId), '1', 'EX', ttl(ttlSeconds));
        // A command refused inside the transaction may come back as an error in its slot
        // rather than as a rejected EXEC: either way, not written.
        const results = await batch.exec();
        return results !== null && results.every(([error]) => !error);
      } catch {
        return false;
      }
    },
    async endSessionsThrough(customerId, through, ttlSeconds) {
      try {
        await redis.eval(RAISE_MARK, 1, markKey(customerId), through, ttl(ttlSeconds));
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
    async beginRestore(ttlSeconds) {
      const restoring = restoringKey();
      await redis.set(restoring, new Date().toISOString(), 'EX', ttl(ttlSeconds));
      return restoring;
    },
    async markComplete(ttlSeconds, restore) {
      return (await redis.eval(MARK_COMPLETE, 2, completeKey, restore ?? completeKey, new Date().toISOString(), ttl(ttlSeconds))) === 1;
    },
    async withdrawComplete() {
      await redis.del(completeKey).catch(() => undefined);
    },
  };
}
