import { INTERNAL_CONTEXT_LIFETIME_SECONDS, type InternalContext, type InternalContextSigner } from '@shopgraph/shared';
import { ExpiringCache } from '@shopgraph/shared/server';

/** Reused for half its lifetime, so a subgraph never receives one about to expire. */
const REUSE_MS = (INTERNAL_CONTEXT_LIFETIME_SECONDS * 1000) / 2;

/**
 * Signs one internal context per session and subgraph (and client address and user agent) and reuses it
 * for 30 seconds: an EdDSA signature per request would cost more CPU than the rest of the
 * session work together. The request id then travels unsigned in x-request-id. Everything a
 * context carries is in the key, so two requests share one only when it would be the same.
 */
export function createCachedSigner(signer: InternalContextSigner, maxEntries = 50_000, onLookup: (hit: boolean) => void = () => undefined): InternalContextSigner {
  const signed = new ExpiringCache<Promise<string>>(maxEntries);
  return {
    sign(context: InternalContext, audience: string) {
      const { session, clientIp = '', userAgent = '' } = context;
      const key = [audience, session.sessionId, session.customerId ?? '', session.role ?? '', session.mergeFromSessionId ?? '', String(session.authTime ?? ''), clientIp, userAgent].join('\u0000');
      const cached = signed.get(key);
      onLookup(cached !== undefined);
      if (cached) return cached;
      const fresh = signer.sign({ session, ...(context.clientIp ? { clientIp } : {}), ...(context.userAgent ? { userAgent } : {}) }, audience);
      signed.set(key, fresh, Date.now() + REUSE_MS);
      // A failed signature is not remembered.
      fresh.catch(() => signed.set(key, fresh, 0));
      return fresh;
    },
  };
}
