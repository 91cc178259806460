import { codedError, ErrorCode, newSessionId, toSession, type Logger, type Session, type SessionClaims, type SessionTokenCodec } from '@shopgraph/shared';
import { readSessionCookie } from './session-cookie.js';
import type { SessionState } from './session-status.js';

export type SessionTransport = 'cookie' | 'bearer';

export interface ResolvedSession {
  session: Session;
  transport: SessionTransport;
  /** The verified token's claims; absent for a session minted by this request. */
  claims?: SessionClaims;
  /** A token to set as the cookie: present when a new anonymous web session was minted. */
  newCookieToken?: string;
}

const BEARER = /^Bearer ([A-Za-z0-9._-]+)$/;

/** The request's session token and how it came: a bearer token wins over a cookie. */
export function sessionTokenOf(headers: { authorization?: string | undefined; cookie?: string | undefined }) {
  const bearer = headers.authorization !== undefined;
  const token = bearer ? BEARER.exec(headers.authorization ?? '')?.[1] : readSessionCookie(headers.cookie);
  const transport: SessionTransport = bearer ? 'bearer' : 'cookie';
  return { bearer, token, transport };
}

/**
 * Finds the request's session. A bearer token wins over a cookie: a mobile client that sends
 * one means it, and a stray cookie must not switch its session. No token, or an invalid one,
 * means a fresh anonymous session; only web clients get it as a cookie (mobile clients ask
 * for a token with startSession). A signed-in session that cannot be checked just now is
 * neither served nor replaced: the request fails with 503 and the client keeps its token.
 */
export async function resolveSession(
  headers: { authorization?: string | undefined; cookie?: string | undefined },
  deps: {
    codec: SessionTokenCodec;
    lifetimeSeconds: number;
    /** A token issued (or last refreshed) longer ago than this is ended: the idle timeout. */
    idleTimeoutSeconds: number;
    logger: Logger;
    /** Whether a verified session is still live (not revoked). */
    stateOf: (session: Session) => Promise<SessionState>;
  },
): Promise<ResolvedSession> {
  const { bearer, token, transport } = sessionTokenOf(headers);

  if (token !== undefined) {
    const decoded = await deps.codec.decode(token);
    if (decoded.ok) {
      const session = toSession(decoded.claims);
      const idleSeconds = Math.floor(Date.now() / 1000) - decoded.claims.iat;
      if (idleSeconds > deps.idleTimeoutSeconds) {
        deps.logger.info({ transport, idleSeconds }, 'session idle too long; starting an anonymous session');
      } else {
        const state = await deps.stateOf(session);
        if (state === 'live') return { session, transport, claims: decoded.claims };
        if (state === 'unverifiable') throw sessionUnverifiable();
        deps.logger.info({ transport }, 'session was ended; starting an anonymous session');
      }
    } else {
      // The reason only: a token's value never reaches a log.
      deps.logger.warn({ transport, reason: decoded.reason }, 'refused a session token; starting an anonymous session');
    }
  } else if (bearer) {
    deps.logger.warn({ transport }, 'malformed Authorization header; starting an anonymous session');
  }

  const session: Session = { sessionId: newSessionId() };
  if (bearer) return { session, transport };
  return { session, transport, newCookieToken: await deps.codec.encode(session, deps.lifetimeSeconds) };
}

/** Seconds a client is asked to wait before retrying a request whose session could not be checked. */
const UNVERIFIABLE_RETRY_AFTER_SECONDS = 5;

/**
 * Answered as HTTP 503 with Retry-After and no Set-Cookie: swapping a good signed-in session
 * for an anonymous one would sign the shopper out for an outage of ours.
 */
function sessionUnverifiable() {
  return codedError(ErrorCode.SERVICE_UNAVAILABLE, 'Your session cannot be checked just now; nothing was done. Try again shortly.', {
    retryAfterSeconds: UNVERIFIABLE_RETRY_AFTER_SECONDS,
    http: { status: 503, headers: new Map([['retry-after', String(UNVERIFIABLE_RETRY_AFTER_SECONDS)]]) },
  });
}
