import { z } from 'zod';

export const Role = { CUSTOMER: 'CUSTOMER', ADMIN: 'ADMIN' } as const;
export type Role = (typeof Role)[keyof typeof Role];

/** 128 random bits, base64url without padding: 22 characters. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

/**
 * What a session token carries. `strict` refuses unknown claims: a token that does not look
 * exactly like one we issue is not one we issued.
 */
export const sessionClaimsSchema = z.strictObject({
  sid: z.string().regex(SESSION_ID_PATTERN),
  cid: z.string().min(1).max(128).optional(),
  role: z.enum([Role.CUSTOMER, Role.ADMIN]).optional(),
  /** The guest session this signed-in one replaced, until its cart has been handed over. */
  gsid: z.string().regex(SESSION_ID_PATTERN).optional(),
  /** Signed-in sessions: the customer's sign-in number for this session (see session-mark.ts). */
  sn: z.number().int().positive().optional(),
  /**
   * Signed-in sessions: when the customer last proved who they are (a password checked or set),
   * epoch seconds. Absent from tokens issued before it was carried: such a session counts as
   * not recently authenticated (see auth-time.ts).
   */
  auth_time: z.number().int().nonnegative().optional(),
  iat: z.number().int().nonnegative(),
  exp: z.number().int().positive(),
});

export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

/** The session as the rest of the code sees it, once a token has been verified. */
export interface Session {
  sessionId: string;
  customerId?: string;
  role?: Role;
  /**
   * Signed-in sessions only: the anonymous session this one replaced at sign-in. Identity
   * hands that session's cart and orders to the customer at sign-in; cart and checkout, which
   * receive this in every signed context, complete a hand-over that failed then on a later
   * request (each step is idempotent).
   */
  mergeFromSessionId?: string;
  /**
   * Signed-in sessions: which of the customer's sign-ins started this session (1, 2, …).
   * Every session up to a number can be ended at once by a mark on the customer (see
   * session-mark.ts); absent from tokens issued before sign-ins were numbered.
   */
  signInNumber?: number;
  /**
   * Signed-in sessions: when the customer last proved who they are (epoch seconds). A
   * sensitive change (password, email) needs it recent; absent means "not recent".
   */
  authTime?: number;
}
