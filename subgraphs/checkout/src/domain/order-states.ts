import type { OrderStatus } from './order.js';

/**
 * The order's state machine, as the states each kind of step may leave. Every write names the
 * states it leaves (OrderRepository.transition), so two writers racing for one edge take it
 * once, and a step from a state not listed here is refused (ORDER_STATE_CONFLICT). The table
 * and diagram in subgraphs/checkout/README.md describe the same machine.
 */
export const ORDER_STATES = {
  /** No money taken yet: the stock is held until `holdExpiresAt`, the cart is held (read-only). */
  unpaid: ['PENDING_PAYMENT', 'REQUIRES_ACTION'],
  /** A payment that can still be authorised, captured, declined or voided. */
  open: ['PENDING_PAYMENT', 'REQUIRES_ACTION', 'AUTHORIZED'],
  /** Money was captured (some of it may be refunded since). */
  captured: ['PAID', 'PARTIALLY_FULFILLED', 'FULFILLED', 'PARTIALLY_REFUNDED', 'REFUNDED'],
  /** Money is captured: what can be fulfilled. A partly refunded order keeps shipping what is left. */
  fulfillable: ['PAID', 'PARTIALLY_FULFILLED', 'PARTIALLY_REFUNDED'],
  /** What can be refunded (never more than captured less refunded). */
  refundable: ['PAID', 'PARTIALLY_FULFILLED', 'FULFILLED', 'PARTIALLY_REFUNDED'],
  /** What the shopper may cancel: before any fulfilment (PARTIALLY_REFUNDED only when nothing shipped). */
  cancellable: ['REQUIRES_ACTION', 'AUTHORIZED', 'PAID', 'PARTIALLY_REFUNDED'],
  /** Ended without money kept: a payment that still turns up here is returned (void or refund). */
  closedUnpaid: ['PAYMENT_FAILED', 'CANCELLED'],
} as const satisfies Record<string, readonly OrderStatus[]>;

export function isIn<S extends OrderStatus>(status: OrderStatus, states: readonly S[]): status is S {
  return (states as readonly OrderStatus[]).includes(status);
}

/**
 * Every edge of the machine, [from, to], as README's table lists them. A write that keeps the
 * state (a record added, a hold extended) is not an edge and is always allowed.
 */
export const ORDER_EDGES: readonly (readonly [OrderStatus | 'placed', OrderStatus])[] = [
  ['placed', 'PENDING_PAYMENT'],
  ['PENDING_PAYMENT', 'REQUIRES_ACTION'],
  ['PENDING_PAYMENT', 'AUTHORIZED'],
  ['PENDING_PAYMENT', 'PAID'],
  ['PENDING_PAYMENT', 'PAYMENT_FAILED'],
  ['PENDING_PAYMENT', 'CANCELLED'],
  ['REQUIRES_ACTION', 'PENDING_PAYMENT'],
  ['REQUIRES_ACTION', 'AUTHORIZED'],
  ['REQUIRES_ACTION', 'PAID'],
  ['REQUIRES_ACTION', 'PAYMENT_FAILED'],
  ['REQUIRES_ACTION', 'CANCELLED'],
  ['AUTHORIZED', 'PAID'],
  ['AUTHORIZED', 'CANCELLED'],
  ['PAID', 'PARTIALLY_FULFILLED'],
  ['PAID', 'FULFILLED'],
  ['PARTIALLY_FULFILLED', 'FULFILLED'],
  ['PAID', 'CANCELLED'],
  ['PARTIALLY_REFUNDED', 'CANCELLED'],
  ['PAID', 'PARTIALLY_REFUNDED'],
  ['PAID', 'REFUNDED'],
  ['PARTIALLY_FULFILLED', 'PARTIALLY_REFUNDED'],
  ['PARTIALLY_FULFILLED', 'REFUNDED'],
  ['FULFILLED', 'PARTIALLY_REFUNDED'],
  ['FULFILLED', 'REFUNDED'],
  ['PARTIALLY_REFUNDED', 'REFUNDED'],
];

/** Whether the machine has an edge from `from` to `to` (or `to` is `from`: a write that records without moving). */
export function isEdge(from: OrderStatus, to: OrderStatus): boolean {
  return from === to || ORDER_EDGES.some(([a, b]) => a === from && b === to);
}

/** Every status, in the order the machine reaches them. */
export const ORDER_STATUSES: readonly OrderStatus[] = [
  'PENDING_PAYMENT',
  'REQUIRES_ACTION',
  'AUTHORIZED',
  'PAID',
  'PARTIALLY_FULFILLED',
  'FULFILLED',
  'PAYMENT_FAILED',
  'CANCELLED',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
];
