import { randomBytes } from 'node:crypto';
import { userError, type UserError } from '@shopgraph/shared';
import type { Cart, CartOwner, Money } from './cart.js';

export const MAX_LINE_QUANTITY = 99;
export const MAX_LINES = 100;

export const CartErrorCode = {
  INVALID_QUANTITY: 'INVALID_QUANTITY',
  VARIANT_NOT_FOUND: 'VARIANT_NOT_FOUND',
  CART_LINE_LIMIT: 'CART_LINE_LIMIT',
  CART_VERSION_CONFLICT: 'CART_VERSION_CONFLICT',
} as const;

export function newCart(owner: CartOwner, now: Date): Cart {
  const at = now.toISOString();
  return { id: `cart_${randomBytes(12).toString('base64url')}`, owner, version: 0, status: 'ACTIVE', lines: [], createdAt: at, updatedAt: at };
}

/** Checks a requested quantity before anything is read or written. */
export function validateQuantity(quantity: number): UserError | undefined {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
    return userError(CartErrorCode.INVALID_QUANTITY, `Quantity must be a whole number from 1 to ${MAX_LINE_QUANTITY}.`, ['quantity']);
  }
  return undefined;
}

/**
 * Adds units of a variant: raises the existing line or appends one. Pure: returns the changed
 * cart, or the rule it would break.
 */
export function addLine(
  cart: Cart,
  line: { variantId: string; quantity: number; unitPrice: Money },
  now: Date,
): { cart: Cart } | { error: UserError } {
  const existing = cart.lines.find((candidate) => candidate.variantId === line.variantId);
  const at = now.toISOString();
  if (existing) {
    const quantity = existing.quantity + line.quantity;
    if (quantity > MAX_LINE_QUANTITY) {
      return {
        error: userError(
          CartErrorCode.INVALID_QUANTITY,
          `A cart holds at most ${MAX_LINE_QUANTITY} of one variant; it has ${existing.quantity} already.`,
          ['quantity'],
        ),
      };
    }
    const lines = cart.lines.map((candidate) =>
      candidate === existing ? { ...candidate, quantity, unitPriceSnapshot: line.unitPrice } : candidate,
    );
    return { cart: { ...cart, lines, updatedAt: at } };
  }
  if (cart.lines.length >= MAX_LINES) {
    return { error: userError(CartErrorCode.CART_LINE_LIMIT, `A cart holds at most ${MAX_LINES} different variants.`, ['variantId']) };
  }
  const added = {
    id: `line_${randomBytes(9).toString('base64url')}`,
    variantId: line.variantId,
    quantity: line.quantity,
    unitPriceSnapshot: line.unitPrice,
    addedAt: at,
  };
  return { cart: { ...cart, lines: [...cart.lines, added], updatedAt: at } };
}
