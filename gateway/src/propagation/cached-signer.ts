import { INTERNAL_CONTEXT_LIFETIME_SECONDS, type InternalContext, type InternalContextSigner } from '@shopgraph/shared';
import { ExpiringCache, type CacheLimits } from '@shopgraph/shared/server';

/** Reused for half its lifetime, so a subgraph never receives one about to expire. */
const REUSE_MS = (INTERNAL_CONTEXT_LIFETIME_SECONDS * 1000) / 2;

/**
 * What the cache may hold: 16 MB of signed contexts (about 30,000 session and subgraph pairs),
 * for pairs signed twice within their reuse; a session that sends one request is never cached.
 */
export const SIGNED_CONTEXT_CACHE_LIMITS: CacheLimits = { maxEntries: 100_000, maxBytes: 16 * 1024 * 1024, admitOnSecondSight: 1 << 17 };

/**
 * Near enough what one entry keeps alive: its key, the signed context (about 275 characters),
 * the promise, the entry and its map slot. Measured as the heap's growth over 20,000 entries:
 * about 450 bytes besides the key.
 */
const entryBytes = (key: string) => key.length + 450;

/**
 * Signs one internal context per session and subgraph (and client address and user agent) and reuses it
 * for 30 seconds: an EdDSA signature per request would cost more CPU than the rest of the
 * session work together. The request id then travels unsigned in x-request-id. Everything a
 * context carries is in the key, so two requests share one only when it would be the same.
 */
export function createCachedSigner(
  signer: InternalContextSigner,
  limits: CacheLimits = SIGNED_CONTEXT_CACHE_LIMITS,
  onLookup: (hit: boolean) => void = () => undefined,
): InternalContextSigner {
  const signed = new ExpiringCache<Promise<string>>(limits);
  return {
    sign(context: InternalContext, audience: string) {
      const { session, clientIp = '', userAgent = '' } = context;
      const key = [audience, session.sessionId, session.customerId ?? '', session.role ?? '', session.mergeFromSessionId ?? '', String(session.authTime ?? ''), clientIp, userAgent].join('\u0000');
      const cached = signed.get(key);
      onLookup(cached !== undefined);
      if (cached) return cached;
      const fresh = signer.sign({ session, ...(context.clientIp ? { clientIp } : {}), ...(context.userAgent ? { userAgent } : {}) }, audience);
      signed.set(key, fresh, Date.now() + REUSE_MS, entryBytes(key));
      // A failed signature is not remembered.
      fresh.catch(() => signed.set(key, fresh, 0));
      return fresh;
    },
  };
}
