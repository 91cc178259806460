import { HEADER_REFRESHED_SESSION_TOKEN, HEADER_REQUEST_ID, SESSION_COOKIE_NAME, type InternalContextSigner, type Logger, type SessionTokenCodec } from '@shopgraph/shared';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { createGatewayContext, type EstablishedSession, type GatewayContext } from './context.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { publicReadNeedsNoSession } from './session/lazy-session.js';
import { resolveSession, sessionTokenOf } from './session/resolve-session.js';
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
  /** The token age past which a request reissues it (see refresh-session.ts). */
  refreshAfterSeconds: number;
  logger: Logger;
}

/**
 * Builds each request's context: request id, and how to find the session. The session itself
 * (verified, or a new anonymous one with its cookie) is established once the operation is
 * known, so that a public read can go without one (see session/lazy-session.ts).
 */
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
    const headers = { authorization: req.headers.authorization, cookie: req.headers.cookie };
    const userAgent = req.headers['user-agent'];
    let establishing: Promise<EstablishedSession | undefined> | undefined;
    let established: EstablishedSession | undefined;
    const establish = async (publicRead: boolean): Promise<EstablishedSession | undefined> => {
      if (publicRead && (await publicReadNeedsNoSession(headers, deps))) return undefined;
      const resolved = await resolveSession(headers, {
        codec: deps.codec,
        lifetimeSeconds: deps.lifetimeSeconds,
        idleTimeoutSeconds: deps.idleTimeoutSeconds,
        logger,
        stateOf: (session) => deps.sessionStatus.stateOf(session, requestId, logger),
      });
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
      established = { session: resolved.session, transport: resolved.transport };
      return established;
    };
    return createGatewayContext(
      {
        requestId,
        transport: sessionTokenOf(headers).transport,
        logger,
        setSessionCookie,
        handsOutSession: () => cookieSet || tokenSent,
        // Once per request, whoever asks first.
        establishSession: (publicRead) => (establishing ??= establish(publicRead)),
        ...(req.ip ? { clientIp: req.ip } : {}),
        ...(userAgent ? { userAgent } : {}),
        ...(idempotencyKey ? { idempotencyKey } : {}),
      },
      deps.signer,
      () => established?.session,
    );
  };
}
