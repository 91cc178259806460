import { requireSession } from '@shopgraph/shared/server';
import { cancelOrder } from '../domain/cancel-order.js';
import { confirmPayment } from '../domain/confirm-payment.js';
import { placeOrder } from '../domain/place-order.js';
import type { MutationResolvers } from '../generated/resolver-types.js';
import { orderDeps, withDependencies } from './order-services.js';

/** The shopper's order mutations: their own orders only (someone else's is "not found"). */
export const OrderMutation: MutationResolvers = {
  async placeOrder(_, { input, idempotencyKey }, context) {
    const session = requireSession(context);
    return withDependencies(context, 'the order', () => placeOrder({ ...context.orderServices, logger: context.logger, requestId: context.requestId }, session, input, idempotencyKey));
  },

  async confirmPayment(_, { orderId }, context) {
    const session = requireSession(context);
    return withDependencies(context, 'the payment', () => confirmPayment(orderDeps(context), session, orderId));
  },

  async cancelOrder(_, { id }, context) {
    const session = requireSession(context);
    return withDependencies(context, 'the cancellation', () => cancelOrder(orderDeps(context), session, id));
  },
};
