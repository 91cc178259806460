import { derivedId, keyReused, requestHash } from './admin-input.js';
import { fulfillmentInputProblems, resolveFulfillmentLines, type FulfillmentLineInput } from './fulfillment-request.js';
import type { Fulfillment, Order } from './order.js';
import type { OrderDeps } from './order-deps.js';
import { isFullyFulfilled } from './order-lines.js';
import { isIn, ORDER_STATES } from './order-states.js';
import { findOrder, ok, onLatest, orderNotFound, refused, stateConflict, type OrderResult } from './order-result.js';
import { idempotencyKeyProblem } from './place-order-input.js';

export interface FulfillOrderRequest {
  orderId: string;
  lines: readonly FulfillmentLineInput[];
  trackingCode?: string | undefined;
  idempotencyKey: string;
}

/**
 * The admin ships some or all of a paid order's lines: one conditional write adds the
 * fulfilment and takes the order to PARTIALLY_FULFILLED or FULFILLED (a partly refunded order
 * stays PARTIALLY_REFUNDED: its status tells the money, its fulfilments the goods). The
 * fulfilment's id comes from the idempotency key, so a retry after a lost answer ships nothing
 * twice; the same key with other lines is IDEMPOTENCY_KEY_REUSED.
 */
export async function fulfillOrder(deps: OrderDeps, request: FulfillOrderRequest): Promise<OrderResult> {
  const problems = [idempotencyKeyProblem(request.idempotencyKey) ?? [], fulfillmentInputProblems(request.lines, request.trackingCode)].flat();
  if (problems.length > 0) return refused(...problems);
  const order = await findOrder(deps.orders, request.orderId);
  if (!order) return orderNotFound();
  return onLatest(order, (current) => fulfillLatest(deps, current, request));
}

async function fulfillLatest(deps: OrderDeps, order: Order, request: FulfillOrderRequest): Promise<OrderResult> {
  const id = derivedId('ful', order.id, request.idempotencyKey);
  const hash = requestHash([request.lines.map((line) => [line.lineId ?? null, line.variantId ?? null, line.quantity]), request.trackingCode ?? null]);
  const earlier = order.fulfillments.find((fulfillment) => fulfillment.id === id);
  if (earlier) return earlier.requestHash === hash ? ok(order) : refused(keyReused());
  if (!isIn(order.status, ORDER_STATES.fulfillable)) return stateConflict(order, 'be fulfilled');
  const resolved = resolveFulfillmentLines(order, request.lines);
  if ('errors' in resolved) return refused(...resolved.errors);
  const fulfillment: Fulfillment = {
    id,
    lines: resolved.lines,
    ...(request.trackingCode ? { trackingCode: request.trackingCode.trim() } : {}),
    requestHash: hash,
    at: new Date().toISOString(),
  };
  const fulfillments = [...order.fulfillments, fulfillment];
  const to = order.status === 'PARTIALLY_REFUNDED' ? 'PARTIALLY_REFUNDED' : isFullyFulfilled(order, fulfillments) ? 'FULFILLED' : 'PARTIALLY_FULFILLED';
  const written = await deps.orders.transition(order, [order.status], to, { set: { fulfillments } });
  deps.logger.info({ orderId: order.id, fulfillmentId: id, status: to }, 'order lines fulfilled');
  return ok(written);
}
