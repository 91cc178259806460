import { Role } from '@shopgraph/shared';
import { requireRole } from '@shopgraph/shared/server';
import type { CheckoutContext } from '../context.js';
import { capturePayment } from '../domain/capture-payment.js';
import { fulfillOrder } from '../domain/fulfill-order.js';
import type { FulfillmentLineInput } from '../domain/fulfillment-request.js';
import type { Money } from '../domain/order.js';
import { refundOrder } from '../domain/refund-order.js';
import { orderDeps, withDependencies } from './order-services.js';

/** The shop's order mutations: ADMIN only, on any customer's order. */
export const AdminMutation = {
  async capturePayment(_: unknown, { orderId, amount }: { orderId: string; amount?: Money | null }, context: CheckoutContext) {
    requireRole(context, Role.ADMIN);
    return withDependencies(context, 'the capture', () => capturePayment(orderDeps(context), orderId, amount ?? undefined));
  },

  async fulfillOrder(
    _: unknown,
    { orderId, lines, trackingCode, idempotencyKey }: { orderId: string; lines: FulfillmentLineInput[]; trackingCode?: string | null; idempotencyKey: string },
    context: CheckoutContext,
  ) {
    requireRole(context, Role.ADMIN);
    return withDependencies(context, 'the fulfilment', () => fulfillOrder(orderDeps(context), { orderId, lines, trackingCode: trackingCode ?? undefined, idempotencyKey }));
  },

  async refundOrder(_: unknown, args: { orderId: string; amount: Money; reason: string; idempotencyKey: string }, context: CheckoutContext) {
    requireRole(context, Role.ADMIN);
    return withDependencies(context, 'the refund', () => refundOrder(orderDeps(context), args));
  },
};
