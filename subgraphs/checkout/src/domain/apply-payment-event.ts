import type { Logger } from '@shopgraph/shared';
import type { CartClient } from '../clients/cart-client.js';
import type { PaymentEvent } from '../payment/payment-provider.js';
import type { OrderRepository } from '../store/order-repository.js';
import { closeCart } from './settle-order.js';

/** What a verified event did to its order; the webhook route answers it (200 either way) and logs it. */
export type PaymentEventOutcome = 'paid' | 'payment-failed' | 'cancelled' | 'no-change' | 'unknown-order' | 'amount-mismatch';

/**
 * Applies a verified provider event to its order, as far as the order's states go today: a
 * captured payment settles a pending order as PAID (the same settle code as placeOrder), a
 * failed one releases it as PAYMENT_FAILED, a voided one as CANCELLED. Anything else, or an
 * order that has moved on (an event arriving late or twice), changes nothing: every
 * transition here is conditional on the order still being PENDING_PAYMENT.
 */
export async function applyPaymentEvent(
  deps: { orders: OrderRepository; carts: CartClient; logger: Logger },
  event: PaymentEvent,
  requestId: string,
): Promise<PaymentEventOutcome> {
  const order = await deps.orders.get(event.orderId);
  if (!order) return 'unknown-order';
  if (order.status !== 'PENDING_PAYMENT') return 'no-change';
  switch (event.type) {
    case 'payment.captured':
      // Only the order's own total settles it: a capture of another amount needs a person.
      if (!event.amount || event.amount.amount !== order.total.amount || event.amount.currencyCode !== order.total.currencyCode) {
        deps.logger.error({ orderId: order.id, eventId: event.id }, 'payment event: captured amount differs from the order total; left for an operator');
        return 'amount-mismatch';
      }
      return (await closeCart(deps, order, requestId)) ? 'paid' : 'no-change';
    case 'payment.failed':
      return (await deps.orders.release(order, 'PAYMENT_FAILED')) ? 'payment-failed' : 'no-change';
    case 'payment.voided':
      return (await deps.orders.release(order, 'CANCELLED')) ? 'cancelled' : 'no-change';
    default:
      return 'no-change';
  }
}
