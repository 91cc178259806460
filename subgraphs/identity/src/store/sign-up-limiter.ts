import type { Redis } from 'ioredis';
import { createAttemptWindows, type Reservation } from './attempt-windows.js';
import { clientAddressKey } from './client-address-key.js';

/**
 * Limits sign-ups per client address (an IPv6 client counts by its /64: see
 * client-address-key.ts): each costs a password hash, and each answer says whether an email
 * has an account, so both the work and the answers are rationed. Every attempt counts, valid
 * or not. Fails closed like the sign-in limiter.
 */
export interface SignUpLimiter {
  reserve(clientIp: string | undefined): Promise<Reservation>;
}

export function createSignUpLimiter({
  redis,
  keyPrefix,
  maxPerIp,
  windowSeconds,
}: {
  redis: Redis;
  keyPrefix: string;
  maxPerIp: number;
  windowSeconds: number;
}): SignUpLimiter {
  const windows = createAttemptWindows({ redis, windowSeconds });
  return {
    // The gateway always sends the address; without one, all such requests share one allowance.
    reserve: (clientIp) => windows.reserve([{ key: `${keyPrefix}signup:ip:${clientIp ? clientAddressKey(clientIp) : 'unknown'}`, max: maxPerIp }]),
  };
}
