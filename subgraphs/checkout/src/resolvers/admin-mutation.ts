import { Role } from '@shopgraph/shared';
import { requireRole } from '@shopgraph/shared/server';
import { capturePayment } from '../domain/capture-payment.js';
import { fulfillOrder } from '../domain/fulfill-order.js';
import { refundOrder } from '../domain/refund-order.js';
import type { MutationResolvers } from '../generated/resolver-types.js';
import { orderDeps, withDependencies } from './order-services.js';

/** The shop's order mutations: ADMIN only, on any customer's order. */
export const AdminMutation: MutationResolvers = {
  async capturePayment(_, { orderId, amount }, context) {
    requireRole(context, Role.ADMIN);
    return withDependencies(context, 'the capture', () => capturePayment(orderDeps(context), orderId, amount ?? undefined));
  },

  async fulfillOrder(_, { orderId, lines, trackingCode, idempotencyKey }, context) {
    requireRole(context, Role.ADMIN);
    return withDependencies(context, 'the fulfilment', () => fulfillOrder(orderDeps(context), { orderId, lines, trackingCode: trackingCode ?? undefined, idempotencyKey }));
  },

  async refundOrder(_, args, context) {
    requireRole(context, Role.ADMIN);
    return withDependencies(context, 'the refund', () => refundOrder(orderDeps(context), args));
  },
};
