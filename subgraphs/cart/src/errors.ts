import { userError, type UserError } from '@shopgraph/shared';
import type { CartStatus } from './domain/cart.js';
import { MAX_LINE_QUANTITY, MAX_LINES } from './domain/cart-limits.js';

/** Codes of the expected problems a cart mutation answers in its payload's `errors`. */
export const CartErrorCode = {
  INVALID_QUANTITY: 'INVALID_QUANTITY',
  VARIANT_NOT_FOUND: 'VARIANT_NOT_FOUND',
  CART_LINE_LIMIT: 'CART_LINE_LIMIT',
  CART_LINE_NOT_FOUND: 'CART_LINE_NOT_FOUND',
  CART_VERSION_CONFLICT: 'CART_VERSION_CONFLICT',
  CART_READ_ONLY: 'CART_READ_ONLY',
  NOT_ENOUGH_STOCK: 'NOT_ENOUGH_STOCK',
} as const;

const readOnlyReasons: Record<Exclude<CartStatus, 'ACTIVE'>, string> = {
  PENDING_ORDER: 'An order of this cart is being paid, so the cart cannot change now; if the payment does not go through, the cart is back as it was.',
  CHECKED_OUT: 'This cart was turned into an order and can no longer change; adding an item starts a new cart.',
  MERGED: 'This cart was merged into a signed-in customer’s cart and can no longer change.',
};

export const cartErrors = {
  invalidQuantity: (allowZero: boolean) =>
    userError(CartErrorCode.INVALID_QUANTITY, `Quantity must be a whole number from ${allowZero ? 0 : 1} to ${MAX_LINE_QUANTITY}.`, ['quantity']),
  lineQuantityLimit: (current: number) =>
    userError(
      CartErrorCode.INVALID_QUANTITY,
      `A cart holds at most ${MAX_LINE_QUANTITY} of one variant; it has ${current} already. Nothing was added.`,
      ['quantity'],
    ),
  variantNotFound: () => userError(CartErrorCode.VARIANT_NOT_FOUND, 'No product variant has this id.', ['variantId']),
  lineLimit: () => userError(CartErrorCode.CART_LINE_LIMIT, `A cart holds at most ${MAX_LINES} different variants. Nothing was added.`, ['variantId']),
  // The same words for an unknown, malformed or foreign id: nothing says whether it exists elsewhere.
  lineNotFound: () => userError(CartErrorCode.CART_LINE_NOT_FOUND, 'This cart has no line with this id.', ['lineId']),
  versionConflict: (current: number) =>
    userError(
      CartErrorCode.CART_VERSION_CONFLICT,
      `The cart changed on another device (it is at version ${current}); nothing was changed. Review it and try again.`,
      ['expectedVersion'],
    ),
  readOnly: (status: Exclude<CartStatus, 'ACTIVE'>) => userError(CartErrorCode.CART_READ_ONLY, readOnlyReasons[status]),
  notEnoughStock: (available: number, kept: number) =>
    userError(
      CartErrorCode.NOT_ENOUGH_STOCK,
      available === 0
        ? 'This variant is out of stock; the cart was not changed.'
        : `Only ${available} in stock; the line now holds ${kept}.`,
      ['quantity'],
    ),
} satisfies Record<string, (...args: never[]) => UserError>;
