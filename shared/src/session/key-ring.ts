import type { CryptoKey } from 'jose';
import { webcrypto } from 'node:crypto';
import { z } from 'zod';

const symmetricJwkSchema = z.object({
  kty: z.literal('oct'),
  kid: z.string().min(1).max(64),
  // 32 bytes for A256GCM, base64url: 43 characters.
  k: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a 256-bit key, base64url-encoded'),
});

/** A JWK set of 256-bit symmetric keys for session tokens. The first key encrypts; all decrypt. */
export const sessionKeySetSchema = z.object({
  keys: z
    .array(symmetricJwkSchema)
    .min(1, 'needs at least one key')
    .refine((keys) => new Set(keys.map((k) => k.kid)).size === keys.length, 'kids must be unique'),
});
export type SessionKeySet = z.infer<typeof sessionKeySetSchema>;

export interface SessionKeyRing {
  /** The key new tokens are encrypted under. */
  current: { kid: string; key: CryptoKey };
  /** Every key a token may have been encrypted under, by kid. */
  byKid: ReadonlyMap<string, CryptoKey>;
}

/**
 * Imports every key once as a CryptoKey: re-importing raw bytes per request costs about a
 * third of each decrypt.
 */
export async function createSessionKeyRing(keySet: SessionKeySet): Promise<SessionKeyRing> {
  const entries = await Promise.all(
    keySet.keys.map(async (jwk) => {
      const raw = Buffer.from(jwk.k, 'base64url');
      const key = (await webcrypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']));
      return [jwk.kid, key] as const;
    }),
  );
  const [first] = entries;
  if (!first) throw new Error('session key set is empty');
  return { current: { kid: first[0], key: first[1] }, byKid: new Map(entries) };
}
