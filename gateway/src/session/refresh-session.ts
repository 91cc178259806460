import {
  HEADER_INTERNAL_CONTEXT,
  HEADER_REFRESHED_SESSION_TOKEN,
  toSession,
  type InternalContextSigner,
  type Logger,
  type SessionClaims,
  type SessionTokenCodec,
} from '@shopgraph/shared';
import type { InternalClient } from '@shopgraph/shared/server';
import { ExpiringCache } from '@shopgraph/shared/server';
import { sessionCookie } from './session-cookie.js';
import type { SessionTransport } from './token-policy.js';

export interface SessionRefresherDeps {
  codec: SessionTokenCodec;
  signer: InternalContextSigner;
  refreshAfterSeconds: number;
  /** identity's /internal/session-seen. */
  identitySeenUrl: string;
  /** The gateway's one client for identity. */
  identity: InternalClient;
  /** Old tokens whose replacement this replica remembers. */
  maxRemembered?: number;
}

export interface RefreshTarget {
  transport: SessionTransport;
  logger: Logger;
  setSessionCookie: (header: string) => void;
  setHeader: (name: string, value: string) => void;
}

/**
 * Slides the idle timeout: a token past the refresh point (the token policy judges it) is
 * reissued (same session, same absolute expiry, a new issue time), as a cookie or a response
 * header, and a signed-in session's record gets its last-seen time.
 *
 * Once per old token on a replica: a client that keeps sending the old token (a mobile app
 * ignoring the header, several requests in flight, a replayed token) gets the same
 * replacement, and identity hears of the session once, not on every request.
 */
export function createSessionRefresher({ codec, signer, refreshAfterSeconds, identitySeenUrl, identity, maxRemembered = 50_000 }: SessionRefresherDeps) {
  const replacements = new ExpiringCache<Promise<string>>(maxRemembered);
  async function recordSeen(claims: SessionClaims): Promise<void> {
    await identity.postJson(identitySeenUrl, {}, { headers: { [HEADER_INTERNAL_CONTEXT]: await signer.sign({ session: toSession(claims) }, 'identity') } });
  }

  return async function refresh(claims: SessionClaims, target: RefreshTarget): Promise<void> {
    const nowMs = Date.now();
    const key = `${claims.sid}:${claims.iat}`;
    let replacement = replacements.get(key, nowMs);
    if (!replacement) {
      replacement = codec.reissue(claims);
      // Until the replacement is itself due for a refresh: it is the token to use by then.
      replacements.set(key, replacement, nowMs + refreshAfterSeconds * 1000);
      if (claims.cid) {
        // Not awaited: the shopper's request does not wait on bookkeeping.
        recordSeen(claims).catch((error: unknown) =>
          target.logger.warn({ err: { message: (error as Error).message } }, 'could not record when the session was last seen'),
        );
      }
    }
    const token = await replacement;
    if (target.transport === 'cookie') target.setSessionCookie(sessionCookie(token, claims.exp - Math.floor(nowMs / 1000)));
    else target.setHeader(HEADER_REFRESHED_SESSION_TOKEN, token);
  };
}

export type SessionRefresher = ReturnType<typeof createSessionRefresher>;
