import type { Session } from '@shopgraph/shared';
import { checkoutError, CheckoutErrorCode, PaymentError } from '../errors.js';
import { withinPaymentDeadline } from '../payment/payment-deadline.js';
import type { PaymentResult } from '../payment/payment-provider.js';
import type { Order } from './order.js';
import { holdCart } from './order-cart.js';
import { later, type OrderDeps } from './order-deps.js';
import { findOwnedOrder, ok, onLatest, orderNotFound, paymentDeclined, refused, type OrderResult } from './order-result.js';
import { factOfLookup, factOfResult } from './payment-facts.js';
import { settlePayment } from './settle-payment.js';

/**
 * After the shopper acted on REQUIRES_ACTION (3-D Secure): extends the order's hold (stock and
 * cart) so recovery does not void the payment meanwhile, asks the provider, and moves the
 * order on its answer through settlePayment, as the provider's webhook does. Whichever of the
 * two arrives first, both end in the same state; the later one finds the order settled and
 * answers it as it is.
 */
export async function confirmPayment(deps: OrderDeps, session: Session, orderId: string): Promise<OrderResult> {
  const order = await findOwnedOrder(deps.orders, session, orderId);
  if (!order) return orderNotFound();
  return onLatest(order, (current) => confirmOwned(deps, current));
}

async function confirmOwned(deps: OrderDeps, order: Order): Promise<OrderResult> {
  switch (order.status) {
    case 'REQUIRES_ACTION':
      break;
    case 'PAYMENT_FAILED':
      return paymentDeclined();
    case 'CANCELLED':
      return refused(checkoutError(CheckoutErrorCode.ORDER_STATE_CONFLICT, 'The order was cancelled; its payment can no longer be confirmed.'));
    default:
      // Confirmed already (by the webhook, or an earlier call), or the provider is still processing it.
      return ok(order);
  }
  const holdExpiresAt = later(new Date(), deps.timing.stockHoldMs);
  const extended = await deps.orders.transition(order, ['REQUIRES_ACTION'], 'REQUIRES_ACTION', { set: { holdExpiresAt }, recoveryDueAt: holdExpiresAt });
  try {
    await holdCart(deps, extended, holdExpiresAt);
  } catch (error) {
    // The order goes on: its cart's hold lasts until the first hold's end, and closing it later is idempotent.
    deps.logger.warn({ orderId: order.id, err: { message: (error as Error).message } }, 'could not extend the cart’s hold');
  }

  const paymentReference = extended.payment!.reference;
  let result: PaymentResult;
  try {
    result = await withinPaymentDeadline(deps.timing.paymentTimeoutMs, (signal) => deps.payments.confirm({ orderId: order.id, paymentReference }, signal));
  } catch (error) {
    if (!(error instanceof PaymentError)) {
      deps.logger.warn({ orderId: order.id, err: { message: (error as Error).message } }, 'confirmation outcome unknown; the webhook or recovery settles it');
      return ok(extended);
    }
    // The provider refused the call (the payment moved on): what it holds now is the answer.
    const lookup = await withinPaymentDeadline(deps.timing.paymentTimeoutMs, (signal) => deps.payments.lookup(order.id, signal));
    return answer((await settlePayment(deps, extended, factOfLookup(lookup, order.total.currencyCode))).order);
  }
  if (result.status === 'pending') return ok(await stillPending(deps, extended));
  const settled = await settlePayment(deps, extended, factOfResult(result));
  return answer(settled.outcome === 'no-change' ? ((await deps.orders.get(order.id)) ?? settled.order) : settled.order);
}

/** Confirmed, and the provider is still processing it: PENDING_PAYMENT again, for its webhook or recovery. */
async function stillPending(deps: OrderDeps, order: Order): Promise<Order> {
  return onLatest(order, async (current) => {
    if (current.status !== 'REQUIRES_ACTION') return current;
    const payment = current.payment ? { ...current.payment, action: undefined } : undefined;
    return deps.orders.transition(current, ['REQUIRES_ACTION'], 'PENDING_PAYMENT', {
      set: payment ? { payment } : {},
      recoveryDueAt: later(new Date(), deps.timing.orderPendingTimeoutMs),
    });
  });
}

function answer(order: Order): OrderResult {
  return order.status === 'PAYMENT_FAILED' ? paymentDeclined() : ok(order);
}
