import { userError, type UserError } from '@shopgraph/shared';

/**
 * Codes of the UserErrors checkout's mutations return (in the payload's `errors`, never
 * thrown). GraphQL errors use the shared catalogue: UNAUTHENTICATED, FORBIDDEN,
 * BAD_USER_INPUT (a bad `first` or cursor), SERVICE_UNAVAILABLE (cart, catalog or the store
 * did not answer; nothing was charged).
 */
export const CheckoutErrorCode = {
  INVALID_QUANTITY: 'INVALID_QUANTITY',
  VARIANT_NOT_FOUND: 'VARIANT_NOT_FOUND',
  /** The session holds no cart, or a cart without lines. */
  CART_EMPTY: 'CART_EMPTY',
  /** The cart was merged into another at sign-in, or already checked out. */
  CART_NOT_ACTIVE: 'CART_NOT_ACTIVE',
  /** `cartVersion` was given and the cart has moved on. */
  CART_CHANGED: 'CART_CHANGED',
  /** Another order for this cart is still being paid for; retry with its idempotency key. */
  ORDER_IN_PROGRESS: 'ORDER_IN_PROGRESS',
  /** More distinct variants than one transaction can hold. */
  ORDER_TOO_LARGE: 'ORDER_TOO_LARGE',
  /** A cart line's variant no longer exists in the catalog, or has no price. */
  VARIANT_UNAVAILABLE: 'VARIANT_UNAVAILABLE',
  /** Not enough stock for one variant; `field` names the cart line. */
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  INVALID_EMAIL: 'INVALID_EMAIL',
  INVALID_ADDRESS: 'INVALID_ADDRESS',
  UNKNOWN_SHIPPING_METHOD: 'UNKNOWN_SHIPPING_METHOD',
  /** The shipping method does not ship to the address's country. */
  COUNTRY_NOT_SERVED: 'COUNTRY_NOT_SERVED',
  INVALID_PAYMENT_TOKEN: 'INVALID_PAYMENT_TOKEN',
  PAYMENT_DECLINED: 'PAYMENT_DECLINED',
  /** The idempotency key is empty or longer than allowed. */
  INVALID_IDEMPOTENCY_KEY: 'INVALID_IDEMPOTENCY_KEY',
  /** The key was used before with a different input. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
} as const;
export type CheckoutErrorCode = (typeof CheckoutErrorCode)[keyof typeof CheckoutErrorCode];

export function checkoutError(code: CheckoutErrorCode, message: string, field?: string[]): UserError {
  return userError(code, message, field);
}

/** Too many writers raced for the same items; that transaction wrote nothing, and a retry may succeed. */
export class StoreContendedError extends Error {
  constructor() {
    super('checkout table: transaction still conflicting after retries');
    this.name = 'StoreContendedError';
  }
}
