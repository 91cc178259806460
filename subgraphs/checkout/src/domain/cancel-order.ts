import type { Session } from '@shopgraph/shared';
import { checkoutError, CheckoutErrorCode, PaymentError } from '../errors.js';
import { withinPaymentDeadline } from '../payment/payment-deadline.js';
import { issueRefund, requestRefund } from './issue-refund.js';
import type { Order } from './order.js';
import { releaseCart } from './order-cart.js';
import type { OrderDeps } from './order-deps.js';
import { refundableAmount } from './order-money.js';
import { findOwnedOrder, ok, onLatest, orderNotFound, refused, stateConflict, type OrderResult } from './order-result.js';
import { factOfLookup } from './payment-facts.js';
import { settlePayment } from './settle-payment.js';

/** The refund a cancellation makes: one per order, so a retried cancellation refunds once. */
export const cancellationRefundId = (orderId: string) => `cancel_${orderId}`;

/**
 * The shopper cancels before anything shipped: an authorisation (or a payment waiting for 3-D
 * Secure) is voided first, then the order is CANCELLED with its stock back; a captured payment
 * is CANCELLED with its stock back and a refund REQUESTED in one write, then refunded (recovery
 * finishes the refund if this stops half-way). A pending payment cannot be cancelled until
 * the provider settles it (PAYMENT_IN_PROGRESS). Cancelling a cancelled order answers it.
 */
export async function cancelOrder(deps: OrderDeps, session: Session, orderId: string): Promise<OrderResult> {
  const order = await findOwnedOrder(deps.orders, session, orderId);
  if (!order) return orderNotFound('id');
  return onLatest(order, (current) => cancelOwned(deps, current));
}

async function cancelOwned(deps: OrderDeps, order: Order): Promise<OrderResult> {
  switch (order.status) {
    case 'CANCELLED':
      return ok(order);
    case 'PENDING_PAYMENT':
      return refused(checkoutError(CheckoutErrorCode.PAYMENT_IN_PROGRESS, 'The payment is still being processed; cancel the order once it is settled, in a minute or two.'));
    case 'REQUIRES_ACTION':
    case 'AUTHORIZED':
      return voidAndCancel(deps, order);
    case 'PAID':
    case 'PARTIALLY_REFUNDED':
      if (order.fulfillments.length === 0) return refundAndCancel(deps, order);
      return stateConflict(order, 'be cancelled: part of it has shipped');
    default:
      return stateConflict(order, 'be cancelled');
  }
}

async function voidAndCancel(deps: OrderDeps, order: Order): Promise<OrderResult> {
  const paymentReference = order.payment!.reference;
  try {
    await withinPaymentDeadline(deps.timing.paymentTimeoutMs, (signal) => deps.payments.void({ orderId: order.id, paymentReference }, signal));
  } catch (error) {
    if (!(error instanceof PaymentError)) throw error;
    // The provider would not void it (captured meanwhile): settle on what it holds, then cancel that.
    const lookup = await withinPaymentDeadline(deps.timing.paymentTimeoutMs, (signal) => deps.payments.lookup(order.id, signal));
    const { order: settled } = await settlePayment(deps, order, factOfLookup(lookup, order.total.currencyCode));
    if (settled.status === order.status) throw error;
    return cancelOwned(deps, settled);
  }
  const { order: cancelled } = await settlePayment(deps, order, { state: 'voided', reference: paymentReference });
  return cancelled.status === 'CANCELLED' ? ok(cancelled) : cancelOwned(deps, cancelled);
}

async function refundAndCancel(deps: OrderDeps, order: Order): Promise<OrderResult> {
  const refundId = cancellationRefundId(order.id);
  const amount = refundableAmount(order);
  const cancelled =
    amount > 0
      ? await requestRefund(
          deps,
          order,
          { id: refundId, amount: { amount, currencyCode: order.total.currencyCode }, reason: 'Cancelled by the shopper.', requestHash: 'cancel' },
          { to: 'CANCELLED', returnStock: true, set: { holdExpiresAt: undefined } },
        )
      : await deps.orders.transition(order, [order.status], 'CANCELLED', { returnStock: true, recoveryDueAt: null });
  deps.logger.info({ orderId: order.id, refund: amount }, 'order cancelled by the shopper; stock released');
  await releaseCart(deps, cancelled);
  return ok(await issueRefund(deps, cancelled, refundId));
}
