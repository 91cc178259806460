import { randomBytes } from 'node:crypto';
import type { UserError } from '@shopgraph/shared';
import { cartErrors } from '../errors.js';
import { MAX_LINE_QUANTITY } from './cart-limits.js';

/** A fresh cart id: 96 random bits. */
export function newCartId(): string {
  return `cart_${randomBytes(12).toString('base64url')}`;
}

/** Checks a requested quantity before anything is read or written. Updates may ask for 0 (remove). */
export function validateQuantity(quantity: number, { allowZero = false } = {}): UserError | undefined {
  const min = allowZero ? 0 : 1;
  if (!Number.isInteger(quantity) || quantity < min || quantity > MAX_LINE_QUANTITY) return cartErrors.invalidQuantity(allowZero);
  return undefined;
}

/** What a change to one line comes to, once the line limit and the stock are applied. */
export type LinePlan =
  /** Write: the line ends at `quantity`; `notice` says it was cut to the stock. */
  | { quantity: number; notice?: UserError }
  /** Write nothing, and answer this. */
  | { refused: UserError };

/**
 * Adding `added` units to a line that holds `current`: the sum must stay within the per-line
 * limit (refused otherwise, nothing written). When stock is known and too low, what is in stock
 * is added and a NOT_ENOUGH_STOCK notice says how many the line now holds; when not even one
 * more unit is in stock, nothing is added. A line already above the stock is never cut by an add.
 */
export function planAdd(current: number, added: number, available: number | undefined): LinePlan {
  const wanted = current + added;
  if (wanted > MAX_LINE_QUANTITY) return { refused: cartErrors.lineQuantityLimit(current) };
  if (available === undefined || wanted <= available) return { quantity: wanted };
  const kept = Math.max(current, available);
  if (kept === current) return { refused: cartErrors.notEnoughStock(available, current) };
  return { quantity: kept, notice: cartErrors.notEnoughStock(available, kept) };
}

/** Setting a line to `wanted` (at least 1): cut to the stock when it is known and lower. */
export function planSet(wanted: number, available: number | undefined): LinePlan {
  if (available === undefined || wanted <= available) return { quantity: wanted };
  if (available === 0) return { refused: cartErrors.notEnoughStock(0, 0) };
  return { quantity: available, notice: cartErrors.notEnoughStock(available, available) };
}
