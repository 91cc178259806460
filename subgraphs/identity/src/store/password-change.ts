import type { PasswordHash } from '../domain/password.js';
import type { CustomerChange } from './customer-sessions.js';

/**
 * The customer item's part of a password change, for the transaction that also ends every
 * session (CustomerSessions.endAllWith). Its condition makes it land once:
 * - by a reset link: only if the password has not changed since the link was issued (an older
 *   link, even unused, is void once any password change lands);
 * - by the customer: only if the password is still the one that was just checked.
 */
export function passwordChange(
  passwordHash: PasswordHash,
  changedAt: Date,
  expect: { linkIssuedAt: number } | { previousChangedAt: number | undefined },
): CustomerChange {
  const set = ['passwordHash = :passwordHash', 'passwordChangedAt = :changedAt'];
  const values: Record<string, unknown> = { ':passwordHash': passwordHash, ':changedAt': changedAt.getTime() };
  if ('linkIssuedAt' in expect) {
    return { set, condition: '(attribute_not_exists(passwordChangedAt) OR passwordChangedAt <= :linkIssuedAt)', values: { ...values, ':linkIssuedAt': expect.linkIssuedAt } };
  }
  if (expect.previousChangedAt === undefined) return { set, condition: 'attribute_not_exists(passwordChangedAt)', values };
  return { set, condition: 'passwordChangedAt = :previousChangedAt', values: { ...values, ':previousChangedAt': expect.previousChangedAt } };
}
