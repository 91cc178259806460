import { PaymentError } from '../errors.js';
import { withinPaymentDeadline } from '../payment/payment-deadline.js';
import { issueRefund, requestRefund } from './issue-refund.js';
import type { Order } from './order.js';
import type { OrderDeps } from './order-deps.js';
import type { PaymentFact } from './payment-facts.js';
import type { Settled } from './settle-payment.js';

/**
 * Money that turns up for an order closed without it (declined, or cancelled and its stock
 * given back): the order cannot be revived, so the money goes back at once. An authorisation
 * is voided; a capture is refunded in full, written on the order as a REQUESTED refund first
 * so that recovery finishes it after a crash. Money and state disagreed, so it is logged as an
 * error for an operator either way. Already returned (a repeated event): nothing to do.
 */
export async function returnLatePayment(deps: OrderDeps, order: Order, fact: Extract<PaymentFact, { state: 'captured' | 'authorized' }>): Promise<Settled> {
  const log = { orderId: order.id, status: order.status, payment: fact.state, amount: fact.amount.amount };
  if (fact.state === 'authorized') {
    if (order.transactions.some((t) => t.type === 'VOID' && t.status === 'SUCCEEDED')) return { order, outcome: 'no-change' };
    try {
      await withinPaymentDeadline(deps.timing.paymentTimeoutMs, (signal) => deps.payments.void({ orderId: order.id, paymentReference: fact.reference }, signal));
    } catch (error) {
      // Refused: the provider holds no authorisation to void (captured since: its capture event returns it).
      if (error instanceof PaymentError) return { order, outcome: 'no-change' };
      throw error;
    }
    deps.logger.error(log, 'an authorisation turned up for an order closed without payment; voided');
    const written = await deps.orders.transition(order, [order.status], order.status, {
      set: { transactions: [...order.transactions, { type: 'VOID', status: 'SUCCEEDED', amount: fact.amount, reference: fact.reference, at: new Date().toISOString() }] },
    });
    return { order: written, outcome: 'returned' };
  }
  const reserved = order.refunds.filter((refund) => refund.status !== 'FAILED').reduce((sum, refund) => sum + refund.amount.amount, 0);
  const toReturn = fact.amount.amount - reserved;
  if (toReturn <= 0) return { order, outcome: 'no-change' };
  deps.logger.error(log, 'a capture turned up for an order closed without payment; refunding it in full');
  const at = new Date().toISOString();
  // One id per attempt: a refused attempt (FAILED) is not asked again under its id, a later event makes a new one.
  const refundId = `return_${fact.reference}_${order.refunds.length + 1}`;
  const requested = await requestRefund(
    deps,
    order,
    { id: refundId, amount: { amount: toReturn, currencyCode: fact.amount.currencyCode }, reason: 'The payment completed after the order had closed.', requestHash: 'late-payment' },
    {
      set: {
        payment: { reference: fact.reference, authorized: fact.amount.amount, captured: fact.amount.amount },
        transactions: [...order.transactions, { type: 'CAPTURE', status: 'SUCCEEDED', amount: fact.amount, reference: fact.reference, at }],
      },
    },
  );
  return { order: await issueRefund(deps, requested, refundId), outcome: 'returned' };
}
