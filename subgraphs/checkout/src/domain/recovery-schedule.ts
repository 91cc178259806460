import type { Order } from './order.js';
import { later, type OrderTiming } from './order-deps.js';

/**
 * When recovery must look at `order` (as it is after a change) next, or null when it needs
 * nothing more. Every transition writes this with the order, moving its recovery entry in the
 * same transaction, so the queue holds exactly the orders with work left and each is read when
 * its work is due, not on every pass:
 * - a pending payment: once every call in flight has ended (the pending timeout);
 * - a challenge (3-D Secure) or an uncaptured authorisation: when its hold expires;
 * - an authorised or paid order whose cart is not closed yet: at once;
 * - a refund requested but not confirmed by the provider: once its call has ended.
 */
export function recoveryDueAt(order: Order, timing: OrderTiming, now = new Date()): string | null {
  const dues: string[] = order.refunds.filter((refund) => refund.status === 'REQUESTED').map((refund) => later(refund.requestedAt, timing.orderPendingTimeoutMs));
  const closed = order.cartMarkedAt !== undefined;
  switch (order.status) {
    case 'PENDING_PAYMENT':
      dues.push(order.recoveryDueAt ?? later(order.createdAt, timing.orderPendingTimeoutMs));
      break;
    case 'REQUIRES_ACTION':
      dues.push(order.holdExpiresAt ?? now.toISOString());
      break;
    case 'AUTHORIZED':
      dues.push(closed ? (order.holdExpiresAt ?? now.toISOString()) : now.toISOString());
      break;
    case 'PAYMENT_FAILED':
    case 'CANCELLED':
      break;
    default:
      if (!closed) dues.push(now.toISOString());
  }
  return dues.length > 0 ? dues.sort()[0]! : null;
}
