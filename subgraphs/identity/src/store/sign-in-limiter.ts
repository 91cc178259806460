import type { Redis } from 'ioredis';
import { normaliseEmail } from './keys.js';
import { createAttemptWindows, type Reservation } from './attempt-windows.js';
import { clientAddressKey } from './client-address-key.js';

/**
 * Limits password checks per account and per client address (an IPv6 client counts by its
 * /64: see client-address-key.ts) in fixed windows. An attempt is counted before its password
 * is checked and given back when it succeeds, so 60 parallel guesses check at most the limit.
 * It fails closed: when Redis cannot be asked, sign-in is refused for now rather than left
 * unlimited.
 */
export interface SignInLimiter {
  /** Takes one attempt from the account's and the address's allowance, or refuses. */
  reserve(email: string, clientIp: string | undefined): Promise<Reservation>;
  /** The password was right: the account's count starts over and the address gets its attempt back. */
  succeeded(email: string, clientIp: string | undefined): Promise<void>;
  /** The check never ran (a failure of ours): both get their attempt back. */
  abandoned(email: string, clientIp: string | undefined): Promise<void>;
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
  const windows = createAttemptWindows({ redis, windowSeconds });
  const accountKey = (email: string) => `${keyPrefix}signin:account:${normaliseEmail(email)}`;
  const addressKeys = (clientIp: string | undefined) => (clientIp ? [`${keyPrefix}signin:ip:${clientAddressKey(clientIp)}`] : []);
  return {
    reserve(email, clientIp) {
      return windows.reserve([
        { key: accountKey(email), max: maxFailures },
        ...addressKeys(clientIp).map((key) => ({ key, max: maxFailuresPerIp })),
      ]);
    },
    async succeeded(email, clientIp) {
      await Promise.all([windows.clear(accountKey(email)), windows.refund(addressKeys(clientIp))]);
    },
    async abandoned(email, clientIp) {
      await windows.refund([accountKey(email), ...addressKeys(clientIp)]);
    },
  };
}
