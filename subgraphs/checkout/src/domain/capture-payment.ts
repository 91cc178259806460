import { checkoutError, CheckoutErrorCode, PaymentError, PaymentErrorCode } from '../errors.js';
import { withinPaymentDeadline } from '../payment/payment-deadline.js';
import type { CaptureResult } from '../payment/payment-provider.js';
import { amountProblem } from './admin-input.js';
import type { Money, Order } from './order.js';
import type { OrderDeps } from './order-deps.js';
import { authorizedAmount, capturedAmount } from './order-money.js';
import { isIn, ORDER_STATES } from './order-states.js';
import { findOrder, ok, onLatest, orderNotFound, refused, stateConflict, type OrderResult } from './order-result.js';
import { factOfLookup } from './payment-facts.js';
import { settlePayment } from './settle-payment.js';

/**
 * The admin captures an AUTHORIZED order's payment, in full or in part (never above what was
 * authorised), then the order is PAID. The provider is asked first: if this stops before the
 * order is written, the provider's webhook or recovery's lookup records the capture. Asking
 * again for a captured order answers it (a retry after a lost answer).
 */
export async function capturePayment(deps: OrderDeps, orderId: string, amount: Money | undefined): Promise<OrderResult> {
  const order = await findOrder(deps.orders, orderId);
  if (!order) return orderNotFound();
  if (amount) {
    const problem = amountProblem(order, amount, ['amount']);
    if (problem) return refused(problem);
  }
  return onLatest(order, (current) => captureLatest(deps, current, amount?.amount));
}

async function captureLatest(deps: OrderDeps, order: Order, requested: number | undefined): Promise<OrderResult> {
  const captured = capturedAmount(order);
  if (captured > 0 && isIn(order.status, ORDER_STATES.captured) && (requested === undefined || requested === captured)) return ok(order);
  if (order.status !== 'AUTHORIZED') return stateConflict(order, 'be captured');
  const amount = requested ?? authorizedAmount(order);
  if (amount > authorizedAmount(order)) {
    return refused(checkoutError(CheckoutErrorCode.CAPTURE_EXCEEDS_AUTHORIZED, `At most ${authorizedAmount(order)} was authorised.`, ['amount']));
  }
  const paymentReference = order.payment!.reference;
  let result: CaptureResult;
  try {
    result = await withinPaymentDeadline(deps.timing.paymentTimeoutMs, (signal) =>
      deps.payments.capture({ orderId: order.id, paymentReference, amount: { amount, currencyCode: order.total.currencyCode } }, signal),
    );
  } catch (error) {
    if (!(error instanceof PaymentError)) throw error;
    if (error.code === PaymentErrorCode.CAPTURE_EXCEEDS_AUTHORIZED) return refused(checkoutError(CheckoutErrorCode.CAPTURE_EXCEEDS_AUTHORIZED, error.message, ['amount']));
    // The provider's payment moved on (captured or voided elsewhere): record what it holds.
    const lookup = await withinPaymentDeadline(deps.timing.paymentTimeoutMs, (signal) => deps.payments.lookup(order.id, signal));
    const { order: settled } = await settlePayment(deps, order, factOfLookup(lookup, order.total.currencyCode));
    return settled.status === 'PAID' ? ok(settled) : stateConflict(settled, 'be captured');
  }
  if (result.status === 'declined') {
    const at = new Date().toISOString();
    await deps.orders.transition(order, ['AUTHORIZED'], 'AUTHORIZED', {
      set: { transactions: [...order.transactions, { type: 'CAPTURE', status: 'FAILED', amount: { amount, currencyCode: order.total.currencyCode }, reference: paymentReference, at }] },
    });
    return refused(checkoutError(CheckoutErrorCode.CAPTURE_DECLINED, `${result.reason} The authorisation stands.`));
  }
  const { order: paid } = await settlePayment(deps, order, { state: 'captured', amount: result.amount, reference: paymentReference, transactionReference: result.transactionReference });
  return ok(paid);
}
