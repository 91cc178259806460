import { SESSION_COOKIE_NAME } from '@shopgraph/shared';

/** Browsers refuse cookies whose name and value exceed 4096 bytes; ours stay well under. */
const MAX_COOKIE_HEADER_LENGTH = 8_192;

/** The session cookie's value, or undefined. Never throws on a malformed header. */
export function readSessionCookie(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader || cookieHeader.length > MAX_COOKIE_HEADER_LENGTH) return undefined;
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() === SESSION_COOKIE_NAME) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/**
 * `__Host-` + Secure + Path=/ + no Domain: only this origin, only over HTTPS (browsers and
 * curl treat http://localhost as secure). HttpOnly keeps it from scripts; SameSite=Lax keeps
 * it off cross-site POSTs.
 */
export function sessionCookie(token: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE_NAME}=${token}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Lax`;
}

/** Tells the browser to drop the session cookie (sign-out). */
export function expiredSessionCookie(): string {
  return `${SESSION_COOKIE_NAME}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax`;
}
