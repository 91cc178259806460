import { requireSession } from '@shopgraph/shared/server';
import type { CheckoutContext } from '../context.js';
import { cancelOrder } from '../domain/cancel-order.js';
import { confirmPayment } from '../domain/confirm-payment.js';
import { placeOrder } from '../domain/place-order.js';
import type { PlaceOrderInput } from '../domain/place-order-input.js';
import { orderDeps, withDependencies } from './order-services.js';

/** The shopper's order mutations: their own orders only (someone else's is "not found"). */
export const OrderMutation = {
  async placeOrder(_: unknown, { input, idempotencyKey }: { input: PlaceOrderInput; idempotencyKey: string }, context: CheckoutContext) {
    const session = requireSession(context);
    return withDependencies(context, 'the order', () => placeOrder({ ...context.orderServices, logger: context.logger, requestId: context.requestId }, session, input, idempotencyKey));
  },

  async confirmPayment(_: unknown, { orderId }: { orderId: string }, context: CheckoutContext) {
    const session = requireSession(context);
    return withDependencies(context, 'the payment', () => confirmPayment(orderDeps(context), session, orderId));
  },

  async cancelOrder(_: unknown, { id }: { id: string }, context: CheckoutContext) {
    const session = requireSession(context);
    return withDependencies(context, 'the cancellation', () => cancelOrder(orderDeps(context), session, id));
  },
};
