import { checkoutError, CheckoutErrorCode } from '../errors.js';
import { amountProblem, derivedId, keyReused, requestHash } from './admin-input.js';
import { issueRefund, requestRefund } from './issue-refund.js';
import type { Money, Order } from './order.js';
import type { OrderDeps } from './order-deps.js';
import { refundableAmount } from './order-money.js';
import { isIn, ORDER_STATES } from './order-states.js';
import { findOrder, ok, onLatest, orderNotFound, refused, stateConflict, type OrderResult } from './order-result.js';
import { idempotencyKeyProblem } from './place-order-input.js';

export interface RefundOrderRequest {
  orderId: string;
  amount: Money;
  reason: string;
  idempotencyKey: string;
}

const MAX_REASON = 500;

/**
 * The admin refunds part or all of what was captured: the refund is written REQUESTED first
 * (reserving the amount, so two refunds at once never return more than was captured), then the
 * provider is asked under the refund's id, derived from the idempotency key (a retry returns
 * the money once), then the order records the answer: PARTIALLY_REFUNDED, or REFUNDED once
 * nothing captured is left. A refusal by the provider frees the amount (REFUND_DECLINED).
 */
export async function refundOrder(deps: OrderDeps, request: RefundOrderRequest): Promise<OrderResult> {
  const keyProblem = idempotencyKeyProblem(request.idempotencyKey);
  if (keyProblem) return refused(keyProblem);
  const reason = request.reason.trim();
  if (reason.length === 0 || reason.length > MAX_REASON) {
    return refused(checkoutError(CheckoutErrorCode.INVALID_REFUND_REASON, `reason is 1 to ${MAX_REASON} characters.`, ['reason']));
  }
  const order = await findOrder(deps.orders, request.orderId);
  if (!order) return orderNotFound();
  const problem = amountProblem(order, request.amount, ['amount']);
  if (problem) return refused(problem);
  return onLatest(order, (current) => refundLatest(deps, current, { ...request, reason }));
}

async function refundLatest(deps: OrderDeps, order: Order, request: RefundOrderRequest): Promise<OrderResult> {
  const id = derivedId('rf', order.id, request.idempotencyKey);
  const hash = requestHash([request.amount.amount, request.amount.currencyCode, request.reason]);
  const earlier = order.refunds.find((refund) => refund.id === id);
  if (earlier) {
    if (earlier.requestHash !== hash) return refused(keyReused());
    // A retry: finish it if the first attempt stopped before the provider answered.
    return answer(await issueRefund(deps, order, id), id);
  }
  if (!isIn(order.status, ORDER_STATES.refundable)) return stateConflict(order, 'be refunded');
  const left = refundableAmount(order);
  if (request.amount.amount > left) {
    return refused(checkoutError(CheckoutErrorCode.REFUND_EXCEEDS_CAPTURED, `At most ${left} can be refunded: what was captured less what is refunded or being refunded.`, ['amount']));
  }
  const requested = await requestRefund(deps, order, { id, amount: request.amount, reason: request.reason, requestHash: hash });
  return answer(await issueRefund(deps, requested, id), id);
}

function answer(order: Order, refundId: string): OrderResult {
  const refund = order.refunds.find((each) => each.id === refundId);
  if (refund?.status === 'FAILED') return refused(checkoutError(CheckoutErrorCode.REFUND_DECLINED, 'The payment provider refused the refund; nothing was returned.'));
  return ok(order);
}
