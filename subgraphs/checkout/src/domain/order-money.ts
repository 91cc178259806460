import type { Money, Order, OrderStatus, Refund } from './order.js';
import { isIn, ORDER_STATES } from './order-states.js';

/** Refunds that hold money back from being refunded again: every one not refused. */
const reserving = (refund: Refund) => refund.status !== 'FAILED';
/** Refunds the provider accepted (done, or still processing). */
const accepted = (refund: Refund) => refund.status === 'PENDING' || refund.status === 'SUCCEEDED';

const sum = (refunds: readonly Refund[]) => refunds.reduce((total, refund) => total + refund.amount.amount, 0);

export const capturedAmount = (order: Order): number => order.payment?.captured ?? 0;
export const authorizedAmount = (order: Order): number => order.payment?.authorized ?? 0;
/** Accepted by the provider; what the order shows as refunded. */
export const refundedAmount = (order: Order): number => sum(order.refunds.filter(accepted));
/** What a new refund may still take: captured less every refund not refused, requested ones included. */
export const refundableAmount = (order: Order): number => capturedAmount(order) - sum(order.refunds.filter(reserving));

export const money = (order: Order, amount: number): Money => ({ amount, currencyCode: order.total.currencyCode });

/**
 * The status an order of the refundable states takes once its refunds are settled: REFUNDED
 * when nothing captured is left, PARTIALLY_REFUNDED when some of it went back, else as it was.
 * An order closed without money kept (CANCELLED, PAYMENT_FAILED) stays so whatever its refunds.
 */
export function statusAfterRefunds(order: Order, refunds: readonly Refund[]): OrderStatus {
  if (!isIn(order.status, ORDER_STATES.refundable)) return order.status;
  const refunded = sum(refunds.filter(accepted));
  if (refunded === 0) return order.status;
  return refunded >= capturedAmount(order) ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
}
