import type { Logger } from '@shopgraph/shared';
import { randomUUID } from 'node:crypto';
import type { CartClient } from '../clients/cart-client.js';
import type { PaymentProvider } from '../payment/payment-provider.js';
import type { OrderRepository } from '../store/order-repository.js';
import { closeCart, lookupWithin } from './settle-order.js';

export interface RecoveryDeps {
  orders: OrderRepository;
  carts: CartClient;
  payments: PaymentProvider;
  logger: Logger;
  orderPendingTimeoutMs: number;
  paymentTimeoutMs: number;
}

export interface RecoveryReport {
  examined: number;
  paid: number;
  paymentFailed: number;
  cancelled: number;
  cartsMarked: number;
  /** Left for a later pass: the provider did not answer, or another replica got there first. */
  unresolved: number;
}

/** Orders examined per pass; the next pass takes the rest. */
const BATCH = 100;

/**
 * One recovery pass over orders whose recovery entry is older than the pending timeout.
 * Safe on any number of replicas at once, with no leader: every transition is a conditional
 * write on the order's current state, marking a cart is idempotent, and the provider is only
 * asked, never charged.
 */
export async function recoverOrders(deps: RecoveryDeps, now = new Date()): Promise<RecoveryReport> {
  const report: RecoveryReport = { examined: 0, paid: 0, paymentFailed: 0, cancelled: 0, cartsMarked: 0, unresolved: 0 };
  const cutoff = new Date(now.getTime() - deps.orderPendingTimeoutMs).toISOString();
  const requestId = `recovery-${randomUUID()}`;
  for (const entry of await deps.orders.recoverable(cutoff, BATCH)) {
    report.examined++;
    const order = await deps.orders.get(entry.orderId);
    if (!order || (order.status === 'PAID' && order.cartMarkedAt) || order.status === 'PAYMENT_FAILED' || order.status === 'CANCELLED') {
      // Settled already (by another replica between its two writes): the entry is stale.
      await deps.orders.dropRecovery(entry.orderId, entry.createdAt);
      continue;
    }
    if (order.status === 'PAID') {
      if (await closeCart(deps, order, requestId)) report.cartsMarked++;
      else report.unresolved++;
      continue;
    }
    if (order.status !== 'PENDING_PAYMENT') continue;
    const lookup = await lookupWithin(deps.payments, order.id, deps.paymentTimeoutMs).catch((error: Error) => {
      deps.logger.warn({ orderId: order.id, err: { message: error.message } }, 'payment provider did not answer recovery; next pass retries');
      return undefined;
    });
    if (!lookup) {
      report.unresolved++;
      continue;
    }
    if (lookup.status === 'succeeded') {
      if (await closeCart(deps, order, requestId)) {
        report.paid++;
        deps.logger.info({ orderId: order.id }, 'recovery: charge found, order PAID');
      } else {
        report.unresolved++;
      }
      continue;
    }
    const status = lookup.status === 'declined' ? 'PAYMENT_FAILED' : 'CANCELLED';
    if (await deps.orders.release(order, status)) {
      if (status === 'PAYMENT_FAILED') report.paymentFailed++;
      else report.cancelled++;
      deps.logger.info({ orderId: order.id, status }, 'recovery: no charge taken, stock released');
    } else {
      report.unresolved++;
    }
  }
  if (report.examined > 0) deps.logger.info(report, 'recovery pass done');
  return report;
}
