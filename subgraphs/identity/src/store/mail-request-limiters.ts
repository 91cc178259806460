import type { Redis } from 'ioredis';
import { createAttemptWindows, type Reservation } from './attempt-windows.js';
import { clientAddressKey } from './client-address-key.js';
import { normaliseEmail } from './keys.js';

/**
 * Limits on requests that send an email, in Redis like the sign-in limits and failing closed
 * the same way. Every request counts (there is nothing to give back: the email went out). Per
 * account, so nobody can fill someone's inbox; per client address (an IPv6 client by its
 * /64), so nobody can make identity mail thousands of addresses.
 */
export interface MailRequestLimiter {
  reserve(account: string, clientIp: string | undefined): Promise<Reservation>;
}

/** A password reset request: counted by the email asked about, whether it has an account or not. */
export function createPasswordResetLimiter({ redis, keyPrefix, maxPerAccount, maxPerIp, windowSeconds }: {
  redis: Redis;
  keyPrefix: string;
  maxPerAccount: number;
  maxPerIp: number;
  windowSeconds: number;
}): MailRequestLimiter {
  const windows = createAttemptWindows({ redis, windowSeconds });
  return {
    reserve: (email, clientIp) =>
      windows.reserve([
        { key: `${keyPrefix}reset:account:${normaliseEmail(email)}`, max: maxPerAccount },
        // The gateway always sends the address; without one, all such requests share one allowance.
        { key: `${keyPrefix}reset:ip:${clientIp ? clientAddressKey(clientIp) : 'unknown'}`, max: maxPerIp },
      ]),
  };
}

/** A verification email asked for by a signed-in customer (resent, or for a new address): counted per customer. */
export function createVerificationEmailLimiter({ redis, keyPrefix, maxPerAccount, windowSeconds }: {
  redis: Redis;
  keyPrefix: string;
  maxPerAccount: number;
  windowSeconds: number;
}): MailRequestLimiter {
  const windows = createAttemptWindows({ redis, windowSeconds });
  return {
    reserve: (customerId) => windows.reserve([{ key: `${keyPrefix}verify-mail:customer:${customerId}`, max: maxPerAccount }]),
  };
}
