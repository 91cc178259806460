import { userError, type UserError } from '@shopgraph/shared';
import type { Order } from './domain/order.js';

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
  /** An address field is missing or too long, or neither (or both) of shippingAddress and shippingAddressId was given. */
  INVALID_ADDRESS: 'INVALID_ADDRESS',
  /** shippingAddressId names no saved address of the signed-in customer (or the session is not signed in). */
  ADDRESS_NOT_FOUND: 'ADDRESS_NOT_FOUND',
  UNKNOWN_SHIPPING_METHOD: 'UNKNOWN_SHIPPING_METHOD',
  /** The shipping method does not ship to the address's country. */
  COUNTRY_NOT_SERVED: 'COUNTRY_NOT_SERVED',
  INVALID_PAYMENT_TOKEN: 'INVALID_PAYMENT_TOKEN',
  PAYMENT_DECLINED: 'PAYMENT_DECLINED',
  /** The idempotency key is empty or longer than allowed. */
  INVALID_IDEMPOTENCY_KEY: 'INVALID_IDEMPOTENCY_KEY',
  /** The key was used before with a different input. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** No such order, or not the caller's: the same answer for both, as `order(id)` gives. */
  ORDER_NOT_FOUND: 'ORDER_NOT_FOUND',
  /** The order is not in a state this step may leave (a fulfilment of a cancelled order, a capture of a paid one). */
  ORDER_STATE_CONFLICT: 'ORDER_STATE_CONFLICT',
  /** The payment's outcome is not known yet (the provider is processing it): cancel once it is settled. */
  PAYMENT_IN_PROGRESS: 'PAYMENT_IN_PROGRESS',
  /** An amount that is not a positive whole number of minor units in the order's currency. */
  INVALID_AMOUNT: 'INVALID_AMOUNT',
  /** A capture above the amount authorised. */
  CAPTURE_EXCEEDS_AUTHORIZED: 'CAPTURE_EXCEEDS_AUTHORIZED',
  /** The provider refused the capture; the authorisation stands. */
  CAPTURE_DECLINED: 'CAPTURE_DECLINED',
  /** A refund above what was captured less what is refunded or being refunded. */
  REFUND_EXCEEDS_CAPTURED: 'REFUND_EXCEEDS_CAPTURED',
  /** The provider refused the refund; nothing was returned. */
  REFUND_DECLINED: 'REFUND_DECLINED',
  /** A refund's reason is empty or too long. */
  INVALID_REFUND_REASON: 'INVALID_REFUND_REASON',
  /** A fulfilment line names neither or both of lineId and variantId, or the request has no line. */
  INVALID_LINE_REFERENCE: 'INVALID_LINE_REFERENCE',
  /** A fulfilment line names a line or variant the order does not have. */
  ORDER_LINE_NOT_FOUND: 'ORDER_LINE_NOT_FOUND',
  /** A fulfilment ships more units of a line than are ordered and not yet shipped. */
  FULFILLMENT_EXCEEDS_ORDERED: 'FULFILLMENT_EXCEEDS_ORDERED',
  /** A tracking code that is empty or too long. */
  INVALID_TRACKING_CODE: 'INVALID_TRACKING_CODE',
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

/**
 * The order is not in a state the step may leave: the step changed nothing. `current` is the
 * order as stored when the write was refused.
 */
export class OrderStateConflict extends Error {
  readonly code = CheckoutErrorCode.ORDER_STATE_CONFLICT;

  constructor(readonly current: Order) {
    super(`order ${current.id} is ${current.status}`);
    this.name = 'OrderStateConflict';
  }
}

/**
 * Another write changed the order (its revision) since it was read, in a state the step may
 * still leave: nothing was written; read it again and decide again.
 */
export class OrderChangedConcurrently extends Error {
  constructor(readonly current: Order) {
    super(`order ${current.id} changed since it was read`);
    this.name = 'OrderChangedConcurrently';
  }
}

/**
 * Codes a payment provider's refusals carry (`PaymentError.code`). Each is definite: the
 * provider did nothing. An outcome nobody knows is a `PaymentOutcomeUnknown`, never one of these.
 */
export const PaymentErrorCode = {
  /** The amount is not a positive whole number of minor units, or the currency is not an ISO 4217 code. */
  INVALID_PAYMENT_AMOUNT: 'INVALID_PAYMENT_AMOUNT',
  /** An idempotency key (order id, refund id) was used before with other parameters. */
  PAYMENT_IDEMPOTENCY_MISMATCH: 'PAYMENT_IDEMPOTENCY_MISMATCH',
  /** The provider has no payment for this order (or under this reference). */
  PAYMENT_NOT_FOUND: 'PAYMENT_NOT_FOUND',
  /** The payment's state does not allow the call: a capture of a captured payment, a void after capture. */
  PAYMENT_INVALID_STATE: 'PAYMENT_INVALID_STATE',
  /** A capture above the amount authorised. */
  CAPTURE_EXCEEDS_AUTHORIZED: 'CAPTURE_EXCEEDS_AUTHORIZED',
  /** A refund above what was captured and not yet refunded. */
  REFUND_EXCEEDS_CAPTURED: 'REFUND_EXCEEDS_CAPTURED',
  /** A webhook whose signature, timestamp or body does not verify. */
  WEBHOOK_SIGNATURE_INVALID: 'WEBHOOK_SIGNATURE_INVALID',
  /** A verified webhook names an order checkout does not have: answered 200 (a retry cannot help) and logged. */
  WEBHOOK_ORDER_UNKNOWN: 'WEBHOOK_ORDER_UNKNOWN',
  /** The provider refused the request for another reason (a bad API key, a malformed field). */
  PAYMENT_PROVIDER_REJECTED: 'PAYMENT_PROVIDER_REJECTED',
  /** Nobody knows whether the call took effect: see PaymentOutcomeUnknown. */
  PAYMENT_OUTCOME_UNKNOWN: 'PAYMENT_OUTCOME_UNKNOWN',
} as const;
export type PaymentErrorCode = (typeof PaymentErrorCode)[keyof typeof PaymentErrorCode];

/** The provider refused the call and did nothing; the message never holds a secret or a card detail. */
export class PaymentError extends Error {
  constructor(
    readonly code: Exclude<PaymentErrorCode, 'PAYMENT_OUTCOME_UNKNOWN'>,
    message: string,
  ) {
    super(message);
    this.name = 'PaymentError';
  }
}

/**
 * The call may or may not have taken effect at the provider: it was aborted (the payment
 * deadline), the connection failed, or the provider failed mid-way. Callers treat the payment
 * as unknown until `lookup` says otherwise; retrying under the same idempotency key is safe.
 */
export class PaymentOutcomeUnknown extends Error {
  readonly code = PaymentErrorCode.PAYMENT_OUTCOME_UNKNOWN;

  constructor(
    readonly reason: 'aborted' | 'connection' | 'provider-error',
    message: string,
  ) {
    super(message);
    this.name = 'PaymentOutcomeUnknown';
  }
}
