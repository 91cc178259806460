import { z } from 'zod';
import { SESSION_ID_PATTERN } from './session-claims.js';

/**
 * What identity tells the gateway after an operation that changed the session. Cookies do
 * not travel through a federation gateway on their own: identity states the change, and the
 * gateway, which owns the client connection, applies it.
 */
/** Sessions this operation ended, so the gateway that ran it forgets them at once. */
const revokedSessionIds = z.array(z.string().regex(SESSION_ID_PATTERN)).max(10_000).optional();

export const sessionChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    /** A new session: set `cookieToken` as the cookie when present (COOKIE transport). */
    kind: z.literal('started'),
    sessionId: z.string().regex(SESSION_ID_PATTERN),
    cookieToken: z.string().max(4096).optional(),
    customerId: z.string().max(128).optional(),
    revokedSessionIds,
  }),
  z.object({
    /** The current session ended: clear the cookie. */
    kind: z.literal('ended'),
    revokedSessionIds,
  }),
  z.object({
    /** Other sessions ended; the current one goes on. */
    kind: z.literal('revoked'),
    revokedSessionIds,
  }),
]);

export type SessionChange = z.infer<typeof sessionChangeSchema>;

export function encodeSessionChange(change: SessionChange): string {
  return JSON.stringify(change);
}

/** Undefined for anything that is not a well-formed change. */
export function decodeSessionChange(text: string | null | undefined): SessionChange | undefined {
  if (!text || text.length > 8192) return undefined;
  try {
    const parsed = sessionChangeSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
