import type { Logger } from '@shopgraph/shared';
import { randomUUID } from 'node:crypto';
import type { CartClient } from '../clients/cart-client.js';
import type { PaymentProvider } from '../payment/payment-provider.js';
import type { OrderRepository } from '../store/order-repository.js';
import { withinPaymentDeadline } from '../payment/payment-deadline.js';
import { summarizePayment } from '../payment/payment-summary.js';
import type { Order } from './order.js';
import { closeCart } from './settle-order.js';

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
 * asked (or told to void an abandoned authorisation), never charged.
 */
export async function recoverOrders(deps: RecoveryDeps, now = new Date()): Promise<RecoveryReport> {
  const report: RecoveryReport = { examined: 0, paid: 0, paymentFailed: 0, cancelled: 0, cartsMarked: 0, unresolved: 0 };
  const cutoff = new Date(now.getTime() - deps.orderPendingTimeoutMs).toISOString();
  const requestId = `recovery-${randomUUID()}`;
  const release = async (order: Order, status: 'PAYMENT_FAILED' | 'CANCELLED') => {
    if (!(await deps.orders.release(order, status))) {
      report.unresolved++;
      return;
    }
    if (status === 'PAYMENT_FAILED') report.paymentFailed++;
    else report.cancelled++;
    deps.logger.info({ orderId: order.id, status }, 'recovery: no charge taken, stock released');
  };
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
    const lookup = await withinPaymentDeadline(deps.paymentTimeoutMs, (signal) => deps.payments.lookup(order.id, signal)).catch((error: Error) => {
      deps.logger.warn({ orderId: order.id, err: { message: error.message } }, 'payment provider did not answer recovery; next pass retries');
      return undefined;
    });
    if (lookup === undefined) {
      report.unresolved++;
      continue;
    }
    const state = lookup ? summarizePayment(lookup).state : 'none';
    switch (state) {
      case 'captured':
        if (await closeCart(deps, order, requestId)) {
          report.paid++;
          deps.logger.info({ orderId: order.id }, 'recovery: charge found, order PAID');
        } else {
          report.unresolved++;
        }
        break;
      case 'pending':
        // The provider is still deciding; its webhook or a later pass settles the order.
        report.unresolved++;
        break;
      case 'requires_action':
      case 'authorized':
        // Abandoned mid-way (the shopper never finished 3-D Secure), or authorised without the
        // capture placeOrder asked for: released, never charged by recovery.
        if (await voidAbandoned(deps, order.id, lookup!.paymentReference)) await release(order, 'CANCELLED');
        else report.unresolved++;
        break;
      default:
        await release(order, state === 'declined' ? 'PAYMENT_FAILED' : 'CANCELLED');
    }
  }
  if (report.examined > 0) deps.logger.info(report, 'recovery pass done');
  return report;
}

/** Voids a payment nobody will finish; true once the provider holds nothing (a payment already voided counts). */
async function voidAbandoned(deps: RecoveryDeps, orderId: string, paymentReference: string): Promise<boolean> {
  try {
    await withinPaymentDeadline(deps.paymentTimeoutMs, (signal) => deps.payments.void({ orderId, paymentReference }, signal));
    return true;
  } catch (error) {
    deps.logger.warn({ orderId, err: { message: (error as Error).message } }, 'recovery: could not void an abandoned payment; next pass retries');
    return false;
  }
}
