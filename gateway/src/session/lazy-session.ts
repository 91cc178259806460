import type { SessionTokenCodec } from '@shopgraph/shared';
import type { GatewayContext } from '../context.js';
import { sessionTokenOf } from './resolve-session.js';

export interface PublicReadDeps {
  codec: SessionTokenCodec;
  idleTimeoutSeconds: number;
  refreshAfterSeconds: number;
}

type SessionHeaders = { authorization?: string | undefined; cookie?: string | undefined };

/**
 * Whether a public read (an operation whose every field is publicly cacheable) can run with
 * no session at all. Such a request reaches the subgraphs with no session context and reads
 * only what anyone may read, so it needs nothing a session gives, and minting one would cost
 * a token encryption and a Set-Cookie that makes the answer uncacheable for shared caches.
 *
 * - No token (or a malformed Authorization header): yes. Such a client would get a fresh
 *   anonymous session, which holds nothing yet.
 * - A token that decrypts, is not idle and not due for a refresh: yes, without the revocation
 *   check: a revoked session reads the catalog as anyone does, and its next session-bound
 *   request is checked and refused as before.
 * - A token due for a refresh: no. The request resolves its session as every other request
 *   does, so a browsing shopper's token still slides its idle timeout.
 * - A refused or idle token: no for a cookie, so that it is replaced once rather than
 *   decrypted on every page; yes for a bearer token, whose holder would only get an anonymous
 *   session for this one request.
 */
export async function publicReadNeedsNoSession(headers: SessionHeaders, deps: PublicReadDeps): Promise<boolean> {
  const { bearer, token } = sessionTokenOf(headers);
  if (token === undefined) return true;
  const decoded = await deps.codec.decode(token);
  if (!decoded.ok) return bearer;
  const ageSeconds = Math.floor(Date.now() / 1000) - decoded.claims.iat;
  if (ageSeconds > deps.idleTimeoutSeconds) return bearer;
  return ageSeconds < deps.refreshAfterSeconds;
}

/**
 * Establishes the request's session (see GatewayContext.establishSession) and sets it on
 * `context`: Apollo runs the operation with a copy of the context the request built, so the
 * copy is the one to fill.
 */
export async function establishSession(context: GatewayContext, publicRead: boolean): Promise<void> {
  const established = await context.establishSession?.(publicRead);
  if (!established) return;
  context.session = established.session;
  context.transport = established.transport;
}
