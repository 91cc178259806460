import { HEADER_REFRESHED_SESSION_TOKEN, HEADER_REQUEST_ID, SESSION_COOKIE_NAME, type InternalContextSigner, type Logger, type SessionTokenCodec } from '@shopgraph/shared';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { createGatewayContext, type GatewayContext } from './context.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { resolveSession } from './session/resolve-session.js';
import { sessionCookie } from './session/session-cookie.js';
import type { SessionRefresher } from './session/refresh-session.js';
import type { SessionStatus } from './session/session-status.js';

export interface RequestContextDeps {
  codec: SessionTokenCodec;
  signer: InternalContextSigner;
  sessionStatus: SessionStatus;
  refreshIfDue: SessionRefresher;
  lifetimeSeconds: number;
  idleTimeoutSeconds: number;
  logger: Logger;
}

/** Builds each request's context: request id, verified (or new anonymous) session, cookie. */
export function createRequestContext(deps: RequestContextDeps) {
  return async function requestContext({ req, res }: { req: Request; res: Response }): Promise<GatewayContext> {
    const requestId = randomUUID();
    res.setHeader(HEADER_REQUEST_ID, requestId);
    const idempotencyKey = idempotencyKeyOf(req.headers);
    const logger = deps.logger.child({ requestId });
    let cookieSet = false;
    let tokenSent = false;
    const setSessionCookie = (header: string | undefined) => {
      cookieSet = header !== undefined;
      // One session cookie per response: a sign-in replaces the anonymous one minted earlier.
      const others = ([res.getHeader('Set-Cookie') ?? []].flat() as string[]).filter((cookie) => !cookie.startsWith(`${SESSION_COOKIE_NAME}=`));
      const cookies = header ? [...others, header] : others;
      if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
      else res.removeHeader('Set-Cookie');
    };
    const resolved = await resolveSession(
      { authorization: req.headers.authorization, cookie: req.headers.cookie },
      {
        codec: deps.codec,
        lifetimeSeconds: deps.lifetimeSeconds,
        idleTimeoutSeconds: deps.idleTimeoutSeconds,
        logger,
        stateOf: (session) => deps.sessionStatus.stateOf(session, requestId, logger),
      },
    );
    if (resolved.newCookieToken) setSessionCookie(sessionCookie(resolved.newCookieToken, deps.lifetimeSeconds));
    await deps.refreshIfDue(resolved.claims, {
      transport: resolved.transport,
      logger,
      setSessionCookie,
      setHeader: (name, value) => {
        res.setHeader(name, value);
        if (name === HEADER_REFRESHED_SESSION_TOKEN) tokenSent = true;
      },
    });
    const userAgent = req.headers['user-agent'];
    return createGatewayContext(
      {
        requestId,
        session: resolved.session,
        transport: resolved.transport,
        logger,
        setSessionCookie,
        handsOutSession: () => cookieSet || tokenSent,
        ...(req.ip ? { clientIp: req.ip } : {}),
        ...(userAgent ? { userAgent } : {}),
        ...(idempotencyKey ? { idempotencyKey } : {}),
      },
      deps.signer,
    );
  };
}
