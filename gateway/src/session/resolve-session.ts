import { codedError, ErrorCode, newSessionId, toSession, type Logger, type Session, type SessionClaims, type SessionTokenCodec } from '@shopgraph/shared';
import type { SessionState } from './session-status.js';
import type { PresentedToken, SessionTransport, TokenJudgement } from './token-policy.js';

export type { SessionTransport } from './token-policy.js';

export interface ResolvedSession {
  session: Session;
  transport: SessionTransport;
  /** The verified token's claims, when it is due for a refresh; absent otherwise. */
  refreshClaims?: SessionClaims;
  /** A token to set as the cookie: present when a new anonymous web session was minted. */
  newCookieToken?: string;
}

/**
 * Finds the request's session from its judged token. A current token whose session is live
 * is the session. No token, or one refused, idle or ended, means a fresh anonymous session;
 * only web clients get it as a cookie (mobile clients ask for a token with startSession). A
 * signed-in session that cannot be checked just now is neither served nor replaced: the
 * request fails with 503 and the client keeps its token.
 */
export async function resolveSession(
  presented: PresentedToken,
  judgement: TokenJudgement,
  deps: {
    codec: SessionTokenCodec;
    lifetimeSeconds: number;
    logger: Logger;
    /** Whether a verified session is still live (not revoked). */
    stateOf: (session: Session) => Promise<SessionState>;
  },
): Promise<ResolvedSession> {
  const { transport } = presented;
  if (judgement.kind === 'current') {
    const session = toSession(judgement.claims);
    const state = await deps.stateOf(session);
    if (state === 'live') return { session, transport, ...(judgement.refreshDue ? { refreshClaims: judgement.claims } : {}) };
    if (state === 'unverifiable') throw sessionUnverifiable();
    deps.logger.info({ transport }, 'session was ended; starting an anonymous session');
  } else if (judgement.kind === 'idle') {
    deps.logger.info({ transport, idleSeconds: judgement.idleSeconds }, 'session idle too long; starting an anonymous session');
  } else if (judgement.kind === 'refused') {
    // The reason only: a token's value never reaches a log.
    deps.logger.warn({ transport, reason: judgement.reason }, 'refused a session token; starting an anonymous session');
  } else if (presented.bearer) {
    deps.logger.warn({ transport }, 'malformed Authorization header; starting an anonymous session');
  }

  const session: Session = { sessionId: newSessionId() };
  if (presented.bearer) return { session, transport };
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
