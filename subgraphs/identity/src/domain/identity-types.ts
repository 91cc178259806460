import type { Role } from '@shopgraph/shared';
import type { PasswordHash } from './password.js';

export interface Customer {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  /** Whether the customer followed the link sent to `email` (see docs: what an unverified account may do). */
  emailVerified: boolean;
}

export interface StoredCustomer extends Customer {
  passwordHash: PasswordHash;
  /** Epoch milliseconds of the last password change; reset links issued before it are void. */
  passwordChangedAt?: number;
}

/**
 * The durable record of a session: a signed-in one, or the tombstone of an anonymous one
 * replaced at sign-in (so the replaced token stays refused even when Redis is down).
 */
export interface SessionRecord {
  sessionId: string;
  customerId?: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent?: string;
  /** Epoch seconds: the absolute end of the session (and DynamoDB's TTL attribute). */
  expiresAt: number;
  revokedAt?: string;
  /** Signed-in sessions: the customer's sign-in number, also in the token (see endedByMark). */
  signInNumber?: number;
}
