import type { UserError } from '@shopgraph/shared';
import { createHash } from 'node:crypto';
import { checkoutError, CheckoutErrorCode } from '../errors.js';
import type { Money, Order } from './order.js';

/** The largest amount the providers take in one call (Stripe: 99,999,999 minor units). */
const MAX_AMOUNT = 99_999_999;

/** An amount the admin typed: a positive whole number of minor units in the order's currency. */
export function amountProblem(order: Order, amount: Money, field: string[]): UserError | undefined {
  if (!Number.isInteger(amount.amount) || amount.amount <= 0 || amount.amount > MAX_AMOUNT || amount.currencyCode !== order.total.currencyCode) {
    return checkoutError(CheckoutErrorCode.INVALID_AMOUNT, `The amount must be a positive whole number of minor units in ${order.total.currencyCode}.`, field);
  }
  return undefined;
}

/**
 * The id a request under an admin's idempotency key gets (a refund's id is also the
 * provider's idempotency key): derived from the order and the key, so a retry after a lost
 * answer finds what the first attempt did instead of doing it twice.
 */
export function derivedId(prefix: string, orderId: string, idempotencyKey: string): string {
  return `${prefix}_${createHash('sha256').update(`${orderId}\n${idempotencyKey}`).digest('base64url').slice(0, 24)}`;
}

/** Identifies "the same request" under one key: a digest of its canonical form. */
export function requestHash(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

export const keyReused = () => checkoutError(CheckoutErrorCode.IDEMPOTENCY_KEY_REUSED, 'This idempotencyKey was used for a different request; use a new key.', ['idempotencyKey']);
