import type { Fulfillment, Order, OrderLine, PaymentRecord, Refund } from '../domain/order.js';
import { fulfilledQuantities, orderLineId } from '../domain/order-lines.js';
import { authorizedAmount, capturedAmount, money, refundedAmount } from '../domain/order-money.js';

/** An order line as GraphQL shows it: with its id and what has shipped of it. */
export interface OrderLineView extends OrderLine {
  id: string;
  fulfilledQuantity: number;
}

function lineViews(order: Order): OrderLineView[] {
  const shipped = fulfilledQuantities(order, order.fulfillments);
  return order.lines.map((line, index) => ({ ...line, id: orderLineId(order.id, index), fulfilledQuantity: shipped[index] ?? 0 }));
}

export const OrderResolvers = {
  lines: (order: Order) => lineViews(order),
  payment: (order: Order) =>
    order.payment
      ? {
          action: order.status === 'REQUIRES_ACTION' ? (order.payment.action ?? null) : null,
          authorized: money(order, authorizedAmount(order)),
          captured: money(order, capturedAmount(order)),
          refunded: money(order, refundedAmount(order)),
        }
      : null,
  payments: (order: Order) => order.transactions.map((record: PaymentRecord) => ({ ...record, createdAt: record.at })),
  fulfillments: (order: Order) => {
    const lines = lineViews(order);
    return order.fulfillments.map((fulfillment: Fulfillment) => ({
      id: fulfillment.id,
      lines: fulfillment.lines.map((line) => ({ line: lines[line.lineIndex], quantity: line.quantity })),
      trackingCode: fulfillment.trackingCode ?? null,
      createdAt: fulfillment.at,
    }));
  },
  refunds: (order: Order) => order.refunds.map((refund: Refund) => ({ id: refund.id, amount: refund.amount, reason: refund.reason, status: refund.status, createdAt: refund.requestedAt })),
  holdExpiresAt: (order: Order) => order.holdExpiresAt ?? null,
};

export const OrderLineResolvers = {
  // The variant's other fields (sku, title) come from catalog through the gateway.
  variant: (line: OrderLine) => ({ __typename: 'ProductVariant', id: line.variantId }),
};
