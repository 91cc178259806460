import type { Order as StoredOrder, OrderLine as StoredOrderLine } from '../domain/order.js';
import { fulfilledQuantities, orderLineId } from '../domain/order-lines.js';
import { authorizedAmount, capturedAmount, money, refundedAmount } from '../domain/order-money.js';
import type { OrderLineResolvers, OrderResolvers } from '../generated/resolver-types.js';

/** An order line as GraphQL shows it: with its id and what has shipped of it. */
export interface OrderLineView extends StoredOrderLine {
  id: string;
  fulfilledQuantity: number;
}

function lineViews(order: StoredOrder): OrderLineView[] {
  const shipped = fulfilledQuantities(order, order.fulfillments);
  return order.lines.map((line, index) => ({ ...line, id: orderLineId(order.id, index), fulfilledQuantity: shipped[index] ?? 0 }));
}

/**
 * The order line a stored fulfilment names. fulfillOrder records only indexes of the order's
 * lines, so a missing one is a broken record: an error, as GraphQL's own for a null `line` was.
 */
function shippedLine(lines: readonly OrderLineView[], lineIndex: number): OrderLineView {
  const line = lines[lineIndex];
  if (!line) throw new Error(`A fulfilment names line index ${lineIndex}, which its order does not have.`);
  return line;
}

export const Order: OrderResolvers = {
  lines: (order) => lineViews(order),
  payment: (order) =>
    order.payment
      ? {
          action: order.status === 'REQUIRES_ACTION' ? (order.payment.action ?? null) : null,
          authorized: money(order, authorizedAmount(order)),
          captured: money(order, capturedAmount(order)),
          refunded: money(order, refundedAmount(order)),
        }
      : null,
  payments: (order) => order.transactions.map((record) => ({ ...record, createdAt: record.at })),
  fulfillments: (order) => {
    const lines = lineViews(order);
    return order.fulfillments.map((fulfillment) => ({
      id: fulfillment.id,
      lines: fulfillment.lines.map((line) => ({ line: shippedLine(lines, line.lineIndex), quantity: line.quantity })),
      trackingCode: fulfillment.trackingCode ?? null,
      createdAt: fulfillment.at,
    }));
  },
  refunds: (order) => order.refunds.map((refund) => ({ id: refund.id, amount: refund.amount, reason: refund.reason, status: refund.status, createdAt: refund.requestedAt })),
  holdExpiresAt: (order) => order.holdExpiresAt ?? null,
};

export const OrderLine: OrderLineResolvers = {
  // The variant's other fields (sku, title) come from catalog through the gateway.
  variant: (line) => ({ __typename: 'ProductVariant', id: line.variantId }),
};
