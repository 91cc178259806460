import { randomBytes } from 'node:crypto';

/** 128 bits from the CSPRNG (randomUUID carries only 122). */
export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}
