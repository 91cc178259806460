import type { DecodeResult, SessionTokenCodec } from '@shopgraph/shared';
import { ExpiringCache } from '@shopgraph/shared/server';

/**
 * Remembers tokens that decrypted, until they expire: a token is immutable, so the same
 * string always decodes to the same claims, and decrypting costs more than the rest of a
 * request's session work. Revocation is still checked on every request, separately.
 * Refused tokens are not cached, so garbage cannot fill the cache.
 */
export function createCachedCodec(codec: SessionTokenCodec, maxEntries = 50_000, onLookup: (hit: boolean) => void = () => undefined): SessionTokenCodec {
  const verified = new ExpiringCache<DecodeResult & { ok: true }>(maxEntries);
  return {
    encode: (session, lifetimeSeconds, now) => codec.encode(session, lifetimeSeconds, now),
    reissue: (claims, now) => codec.reissue(claims, now),
    async decode(token, now = new Date()) {
      const cached = verified.get(token, now.getTime());
      onLookup(cached !== undefined);
      if (cached) return cached;
      const result = await codec.decode(token, now);
      if (result.ok) verified.set(token, result, result.claims.exp * 1000);
      return result;
    },
  };
}
