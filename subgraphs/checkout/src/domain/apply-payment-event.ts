import type { PaymentEvent } from '../payment/payment-provider.js';
import { settleRefund } from './issue-refund.js';
import type { OrderDeps } from './order-deps.js';
import { factOfEvent } from './payment-facts.js';
import { settlePayment, type SettleOutcome } from './settle-payment.js';

/** What a verified event did to its order; the webhook route answers it (200 either way) and logs it. */
export type PaymentEventOutcome = SettleOutcome | 'refund-recorded' | 'unknown-refund' | 'unknown-order';

/**
 * Applies a verified provider event to its order through the same settlePayment the client's
 * calls and recovery use, so whichever arrives first, all end in one state. An event that
 * comes after the order moved on (repeated, late, out of order: a failure after a success, a
 * capture after a cancellation) changes nothing wrong: a state is only ever left forwards,
 * and money that turns up for an order closed without it is returned (settlePayment).
 * A refund event settles the refund checkout requested under that id; a refund checkout never
 * asked for is logged for an operator, not recorded, since its events cannot be told apart.
 */
export async function applyPaymentEvent(deps: OrderDeps, event: PaymentEvent): Promise<PaymentEventOutcome> {
  const order = await deps.orders.get(event.orderId);
  if (!order) return 'unknown-order';
  if (event.type === 'payment.refunded') {
    if (!event.refundId || !order.refunds.some((refund) => refund.id === event.refundId)) {
      deps.logger.error({ orderId: order.id, eventId: event.id, amount: event.amount?.amount }, 'payment event: a refund checkout did not request; left for an operator');
      return 'unknown-refund';
    }
    const before = order.refunds.find((refund) => refund.id === event.refundId)!.status;
    const after = await settleRefund(deps, order, event.refundId, 'SUCCEEDED');
    return after.refunds.find((refund) => refund.id === event.refundId)!.status !== before ? 'refund-recorded' : 'no-change';
  }
  if (event.type === 'payment.captured' && !event.amount) {
    deps.logger.error({ orderId: order.id, eventId: event.id }, 'payment event: a capture without an amount; left for an operator');
    return 'amount-mismatch';
  }
  const fact = factOfEvent(event);
  if (!fact) return 'no-change';
  return (await settlePayment(deps, order, fact)).outcome;
}
