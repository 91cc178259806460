import {
  HEADER_INTERNAL_CONTEXT,
  HEADER_REFRESHED_SESSION_TOKEN,
  toSession,
  type InternalContextSigner,
  type Logger,
  type SessionClaims,
  type SessionTokenCodec,
} from '@shopgraph/shared';
import { createInternalClient } from '@shopgraph/shared/server';
import { sessionCookie } from './session-cookie.js';
import type { SessionTransport } from './resolve-session.js';

export interface SessionRefresherDeps {
  codec: SessionTokenCodec;
  signer: InternalContextSigner;
  refreshAfterSeconds: number;
  /** identity's /internal/session-seen. */
  identitySeenUrl: string;
}

export interface RefreshTarget {
  transport: SessionTransport;
  logger: Logger;
  setSessionCookie: (header: string) => void;
  setHeader: (name: string, value: string) => void;
}

/**
 * Slides the idle timeout: a token older than a few minutes is reissued (same session, same
 * absolute expiry, a new issue time), as a cookie or a response header, and a signed-in
 * session's record gets its last-seen time. So an active shopper stays signed in, and the
 * record is written at most once per few minutes per session, not per request.
 */
export function createSessionRefresher({ codec, signer, refreshAfterSeconds, identitySeenUrl }: SessionRefresherDeps) {
  const identity = createInternalClient({ service: 'identity', timeoutMs: 2_000 });
  async function recordSeen(claims: SessionClaims): Promise<void> {
    await identity.postJson(identitySeenUrl, {}, { headers: { [HEADER_INTERNAL_CONTEXT]: await signer.sign({ session: toSession(claims) }, 'identity') } });
  }

  return async function refreshIfDue(claims: SessionClaims | undefined, target: RefreshTarget): Promise<void> {
    if (!claims) return;
    const now = Math.floor(Date.now() / 1000);
    if (now - claims.iat < refreshAfterSeconds) return;
    const token = await codec.reissue(claims);
    if (target.transport === 'cookie') target.setSessionCookie(sessionCookie(token, claims.exp - now));
    else target.setHeader(HEADER_REFRESHED_SESSION_TOKEN, token);
    if (claims.cid) {
      // Not awaited: the shopper's request does not wait on bookkeeping.
      recordSeen(claims).catch((error: unknown) =>
        target.logger.warn({ err: { message: (error as Error).message } }, 'could not record when the session was last seen'),
      );
    }
  };
}

export type SessionRefresher = ReturnType<typeof createSessionRefresher>;
