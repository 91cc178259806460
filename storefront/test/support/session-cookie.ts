import { createSessionKeyRing, createSessionTokenCodec, SESSION_COOKIE_NAME, type SessionClaims, type SessionKeySet } from '@shopgraph/shared';
import type { BrowserContext, Cookie } from 'playwright-core';

/** The session cookie the gateway at `gatewayUrl` set in this browser context; throws when there is none. */
export async function sessionCookie(context: BrowserContext, gatewayUrl: string): Promise<Cookie> {
  const cookies = (await context.cookies(gatewayUrl)).filter((cookie) => cookie.name === SESSION_COOKIE_NAME);
  const [cookie] = cookies;
  if (!cookie || cookies.length !== 1) throw new Error(`expected one ${SESSION_COOKIE_NAME} cookie for ${gatewayUrl}, found ${cookies.length}`);
  return cookie;
}

/** The claims of the browser's session cookie, decrypted with the stack's session keys. */
export async function sessionClaims(context: BrowserContext, gatewayUrl: string, sessionKeys: SessionKeySet): Promise<SessionClaims> {
  const codec = createSessionTokenCodec(await createSessionKeyRing(sessionKeys));
  const decoded = await codec.decode((await sessionCookie(context, gatewayUrl)).value);
  if (!decoded.ok) throw new Error(`the browser's session cookie does not decode: ${decoded.reason}`);
  return decoded.claims;
}

/**
 * Makes the browser's session look signed in `ageSeconds` ago, with no wait: the cookie's
 * token is decrypted and encrypted again with the same claims (same session, customer, sign-in
 * number, issue time and expiry), only `auth_time` moved back, and put back as the cookie the
 * gateway set (same attributes). Answers the claims before and after.
 */
export async function ageSignIn(
  context: BrowserContext,
  gatewayUrl: string,
  sessionKeys: SessionKeySet,
  ageSeconds: number,
): Promise<{ before: SessionClaims; after: SessionClaims }> {
  const codec = createSessionTokenCodec(await createSessionKeyRing(sessionKeys));
  const cookie = await sessionCookie(context, gatewayUrl);
  const decoded = await codec.decode(cookie.value);
  if (!decoded.ok) throw new Error(`the browser's session cookie does not decode: ${decoded.reason}`);
  const before = decoded.claims;
  if (before.auth_time === undefined) throw new Error('the session cookie carries no auth_time: not a signed-in session');
  const after: SessionClaims = { ...before, auth_time: Math.floor(Date.now() / 1000) - ageSeconds };
  // reissue sets iat from its clock argument: the token's own iat keeps it unchanged.
  const token = await codec.reissue(after, new Date(before.iat * 1000));
  await context.addCookies([
    {
      name: cookie.name,
      value: token,
      // Its own domain and path, not a url: from a url Playwright derives `secure` from the
      // scheme (http here), and Chromium refuses a `__Host-` cookie that is not Secure.
      domain: cookie.domain,
      path: cookie.path,
      expires: cookie.expires,
      httpOnly: cookie.httpOnly,
      secure: cookie.secure,
      sameSite: cookie.sameSite,
    },
  ]);
  return { before, after };
}
