import type { Redis } from 'ioredis';

/** One allowance: at most `max` attempts per window under `key`. */
export interface Allowance {
  key: string;
  max: number;
}

export type Reservation =
  | { allowed: true }
  /** An allowance is spent; `retryAfterSeconds` is when its window ends. */
  | { allowed: false; retryAfterSeconds: number; unavailable?: false }
  /** Redis could not be asked: the caller refuses for now rather than go unlimited. */
  | { allowed: false; retryAfterSeconds: number; unavailable: true };

/**
 * Checks every allowance and, only when none is spent, counts the attempt against all of
 * them, in one script: Redis runs it atomically, so parallel attempts cannot all read the
 * same count and all pass. The window starts at the first attempt (EXPIRE NX) and is not
 * extended by later ones. Answers 0 when the attempt was counted, else the seconds to wait.
 * (The keys of one call are the account's and the address's; on a Redis Cluster they would
 * need one hash slot. shopgraph runs Redis as one primary with replicas.)
 */
const RESERVE = `
local window = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[i + 1]) then
    local ttl = redis.call('TTL', key)
    if ttl > 0 then return ttl end
    redis.call('EXPIRE', key, window)
    return window
  end
end
for _, key in ipairs(KEYS) do
  redis.call('INCR', key)
  redis.call('EXPIRE', key, window, 'NX')
end
return 0
`;

/** Gives back one counted attempt per key, never below zero. */
const REFUND = `
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 0
`;

/** How long to tell a client to wait when Redis itself is unavailable. */
const UNAVAILABLE_RETRY_SECONDS = 30;

export interface AttemptWindows {
  /** Counts one attempt against every allowance, or none when any is spent. */
  reserve(allowances: readonly Allowance[]): Promise<Reservation>;
  /** Returns attempts that turned out not to count (a success, an error before the check). */
  refund(keys: readonly string[]): Promise<void>;
  /** Starts a key's count over. */
  clear(key: string): Promise<void>;
}

/** Fixed-window attempt counters in Redis, shared by every identity replica. */
export function createAttemptWindows({ redis, windowSeconds }: { redis: Redis; windowSeconds: number }): AttemptWindows {
  return {
    async reserve(allowances) {
      try {
        const wait = Number(
          await redis.eval(RESERVE, allowances.length, ...allowances.map(({ key }) => key), windowSeconds, ...allowances.map(({ max }) => max)),
        );
        return wait === 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, wait) };
      } catch {
        return { allowed: false, retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS, unavailable: true };
      }
    },
    async refund(keys) {
      // A refund that fails leaves the count one higher until the window ends: on the safe side.
      if (keys.length > 0) await redis.eval(REFUND, keys.length, ...keys).catch(() => undefined);
    },
    async clear(key) {
      await redis.del(key).catch(() => undefined);
    },
  };
}
