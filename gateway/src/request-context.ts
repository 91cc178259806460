import { HEADER_REFRESHED_SESSION_TOKEN, HEADER_REQUEST_ID, SESSION_COOKIE_NAME, type InternalContextSigner, type Logger, type SessionTokenCodec } from '@shopgraph/shared';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { clientAddressOf } from './client-address.js';
import { createGatewayContext, type EstablishedSession, type GatewayContext } from './context.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import type { SessionRefresher } from './session/refresh-session.js';
import { resolveSession } from './session/resolve-session.js';
import { sessionCookie } from './session/session-cookie.js';
import type { SessionStatus } from './session/session-status.js';
import type { TokenPolicy } from './session/token-policy.js';

export interface RequestContextDeps {
  codec: SessionTokenCodec;
  tokenPolicy: TokenPolicy;
  signer: InternalContextSigner;
  sessionStatus: SessionStatus;
  refresh: SessionRefresher;
  lifetimeSeconds: number;
  logger: Logger;
}

/**
 * Builds each request's context: request id, and how to find the session. The session itself
 * (verified, or a new anonymous one with its cookie) is established once the operation is
 * known, so that a public read can go without one (see TokenPolicy.publicReadNeedsNoSession).
 * The token is read from the headers once and judged (decrypted) at most once.
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
    const presented = deps.tokenPolicy.presented({ authorization: req.headers.authorization, cookie: req.headers.cookie });
    const userAgent = req.headers['user-agent'];
    const clientIp = clientAddressOf(req.ip);
    let establishing: Promise<EstablishedSession | undefined> | undefined;
    let established: EstablishedSession | undefined;
    const establish = async (publicRead: boolean): Promise<EstablishedSession | undefined> => {
      const judgement = await deps.tokenPolicy.judge(presented);
      if (publicRead && deps.tokenPolicy.publicReadNeedsNoSession(presented, judgement)) return undefined;
      const resolved = await resolveSession(presented, judgement, {
        codec: deps.codec,
        lifetimeSeconds: deps.lifetimeSeconds,
        logger,
        stateOf: (session) => deps.sessionStatus.stateOf(session, requestId, logger),
      });
      if (resolved.newCookieToken) setSessionCookie(sessionCookie(resolved.newCookieToken, deps.lifetimeSeconds));
      if (resolved.refreshClaims) {
        await deps.refresh(resolved.refreshClaims, {
          transport: resolved.transport,
          logger,
          setSessionCookie,
          setHeader: (name, value) => {
            res.setHeader(name, value);
            if (name === HEADER_REFRESHED_SESSION_TOKEN) tokenSent = true;
          },
        });
      }
      established = { session: resolved.session, transport: resolved.transport };
      return established;
    };
    return createGatewayContext(
      {
        requestId,
        transport: presented.transport,
        logger,
        setSessionCookie,
        handsOutSession: () => cookieSet || tokenSent,
        // Once per request, whoever asks first.
        establishSession: (publicRead) => (establishing ??= establish(publicRead)),
        ...(clientIp ? { clientIp } : {}),
        ...(userAgent ? { userAgent } : {}),
        ...(idempotencyKey ? { idempotencyKey } : {}),
      },
      deps.signer,
      () => established?.session,
    );
  };
}
