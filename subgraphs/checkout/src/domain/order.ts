import type { PostalAddress } from '@shopgraph/shared';

/** Checkout's domain objects: what the repositories return and the rules work on. */
export interface Money {
  amount: number;
  currencyCode: string;
}

/** Who placed an order: a signed-in customer, or an anonymous session. */
export type OrderOwner = { kind: 'customer'; customerId: string } | { kind: 'session'; sessionId: string };

/** See the state machine in subgraphs/checkout/README.md and domain/order-states.ts. */
export type OrderStatus =
  | 'PENDING_PAYMENT'
  | 'REQUIRES_ACTION'
  | 'AUTHORIZED'
  | 'PAID'
  | 'PARTIALLY_FULFILLED'
  | 'FULFILLED'
  | 'PAYMENT_FAILED'
  | 'CANCELLED'
  | 'PARTIALLY_REFUNDED'
  | 'REFUNDED';

export interface OrderLine {
  variantId: string;
  quantity: number;
  /** The price charged, fixed when the order was placed, whatever catalog does later. */
  unitPrice: Money;
}

/** Where an order ships: the same shape as a saved address in identity's address book. */
export type Address = PostalAddress;

/** What the shopper's client needs to finish a challenge (3-D Secure), kept while the order REQUIRES_ACTION. */
export interface OrderPaymentAction {
  clientSecret?: string;
  redirectUrl?: string;
}

/** The order's payment at the provider, as far as checkout knows it; amounts in minor units of the order's currency. */
export interface OrderPayment {
  /** The provider's payment (a PaymentIntent id), from `authorize`. */
  reference: string;
  authorized: number;
  captured: number;
  action?: OrderPaymentAction;
}

/** One step of the payment as checkout learnt it: from the provider's answer, a webhook or a lookup. */
export interface PaymentRecord {
  type: 'AUTHORIZATION' | 'CAPTURE' | 'VOID' | 'REFUND';
  status: 'PENDING' | 'REQUIRES_ACTION' | 'SUCCEEDED' | 'FAILED';
  amount: Money;
  /** The provider's reference of the step (the payment, a capture, a refund). */
  reference: string;
  at: string;
}

export interface FulfillmentLine {
  /** Index of the order line (0-based); its public id is built from it (order-lines.ts). */
  lineIndex: number;
  quantity: number;
}

export interface Fulfillment {
  /** Derived from the admin's idempotency key: a retry finds it. */
  id: string;
  lines: FulfillmentLine[];
  trackingCode?: string;
  /** Digest of the request, to tell a retry from another request under the same key. */
  requestHash: string;
  at: string;
}

/**
 * A refund, written as REQUESTED before the provider is asked (so the amount is reserved and
 * recovery re-issues it after a crash), then settled: PENDING (the provider accepted it and is
 * still processing), SUCCEEDED or FAILED (refused; nothing returned).
 */
export interface Refund {
  /** The provider's idempotency key for it: asking twice under it refunds once. */
  id: string;
  amount: Money;
  reason: string;
  status: 'REQUESTED' | 'PENDING' | 'SUCCEEDED' | 'FAILED';
  /** Digest of the request, to tell a retry from another request under the same key. */
  requestHash: string;
  reference?: string;
  requestedAt: string;
  settledAt?: string;
}

export interface Order {
  id: string;
  number: string;
  /** Who may see and act on the order: a guest's becomes the customer's when they sign in. */
  owner: OrderOwner;
  /** The owner of the order's cart, when it is no longer `owner` (a guest order handed to the customer). */
  cartOwner?: OrderOwner;
  status: OrderStatus;
  email: string;
  shippingAddress: Address;
  shippingMethodId: string;
  /** One line per variant (cart lines of one variant summed). */
  lines: OrderLine[];
  subtotal: Money;
  shippingTotal: Money;
  total: Money;
  /** The cart the order was placed from, held while it is paid for, then closed or released. */
  cartId: string;
  /** The cart's version checkout read and held. */
  cartVersion: number;
  /** Set once the cart is marked CHECKED_OUT. */
  cartMarkedAt?: string;
  /** Until when the stock stays reserved without a payment (unpaid) or a capture (authorised); recovery releases it after. */
  holdExpiresAt?: string;
  payment?: OrderPayment;
  /** The payment's steps, oldest first. */
  transactions: PaymentRecord[];
  fulfillments: Fulfillment[];
  refunds: Refund[];
  /** When recovery looks at the order next; absent when it needs nothing more. Its entry in the recovery queue has this time. */
  recoveryDueAt?: string;
  /** Raised by every write: each transition is conditional on the revision it read. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export function ownerOf(session: { sessionId: string; customerId?: string }): OrderOwner {
  return session.customerId ? { kind: 'customer', customerId: session.customerId } : { kind: 'session', sessionId: session.sessionId };
}

/** A stable string naming an owner, for keys and signed claims. */
export function ownerKey(owner: OrderOwner): string {
  return owner.kind === 'customer' ? `CUSTOMER#${owner.customerId}` : `SESSION#${owner.sessionId}`;
}

/** The owner cart knows the order's cart by. */
export function cartOwnerOf(order: Order): OrderOwner {
  return order.cartOwner ?? order.owner;
}

/**
 * The session's own order. A signed-in session also owns what its guest session placed before
 * the sign-in, even before the hand-over has moved it (identity's token names the guest session).
 */
export function isOwnedBy(order: Order, session: { sessionId: string; customerId?: string; mergeFromSessionId?: string }): boolean {
  if (order.owner.kind === 'customer') return order.owner.customerId === session.customerId;
  return order.owner.sessionId === session.sessionId || (session.customerId !== undefined && order.owner.sessionId === session.mergeFromSessionId);
}
