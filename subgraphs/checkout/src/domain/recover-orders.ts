import type { Logger } from '@shopgraph/shared';
import { randomUUID } from 'node:crypto';
import type { CartClient } from '../peers/cart-client.js';
import type { PaymentProvider } from '../payment/payment-provider.js';
import type { OrderRepository } from '../store/order-repository.js';
import type { OrderTiming } from './order-deps.js';
import { recoverOrder, type RecoveryOutcome } from './recover-order.js';

export interface RecoveryDeps {
  orders: OrderRepository;
  carts: CartClient;
  payments: PaymentProvider;
  logger: Logger;
  timing: OrderTiming;
}

export interface RecoveryReport {
  examined: number;
  paid: number;
  authorized: number;
  paymentFailed: number;
  cancelled: number;
  cartsMarked: number;
  /** Refunds requested and then confirmed by the provider (after a crash, or a lost answer). */
  refundsSettled: number;
  /** Money that turned up for an order closed without it, returned. */
  returned: number;
  /** Left for a later pass: the provider did not answer, is still deciding, or another replica got there first. */
  unresolved: number;
}

/** Orders examined per pass; the next pass takes the rest. */
const BATCH = 100;

const COUNTED: Partial<Record<RecoveryOutcome, keyof RecoveryReport>> = {
  paid: 'paid',
  authorized: 'authorized',
  'payment-failed': 'paymentFailed',
  cancelled: 'cancelled',
  'cart-closed': 'cartsMarked',
  'refunds-settled': 'refundsSettled',
  returned: 'returned',
  unresolved: 'unresolved',
  'amount-mismatch': 'unresolved',
};

/**
 * One recovery pass over the orders whose recovery entry is due. Safe on any number of
 * replicas at once, with no leader: every change is a conditional write on the order's state
 * and revision, closing and releasing a cart are idempotent, and the provider is only asked,
 * told to void a payment nobody will finish, or asked again for a refund under its own id.
 */
export async function recoverOrders(deps: RecoveryDeps, now = new Date()): Promise<RecoveryReport> {
  const report: RecoveryReport = { examined: 0, paid: 0, authorized: 0, paymentFailed: 0, cancelled: 0, cartsMarked: 0, refundsSettled: 0, returned: 0, unresolved: 0 };
  const requestId = `recovery-${randomUUID()}`;
  const orderDeps = { ...deps, requestId, logger: deps.logger.child({ requestId }) };
  for (const entry of await deps.orders.recoverable(now.toISOString(), BATCH)) {
    report.examined++;
    const order = await deps.orders.get(entry.orderId);
    if (!order || order.recoveryDueAt !== entry.dueAt) {
      // Left over from an order that has moved its entry since (or is gone).
      await deps.orders.dropStaleRecovery(entry);
      continue;
    }
    try {
      const counted = COUNTED[await recoverOrder(orderDeps, order, now)];
      if (counted) report[counted]++;
    } catch (error) {
      // One order's failure (a conflict that kept coming back, a store error) leaves the rest of the pass to run.
      deps.logger.warn({ orderId: order.id, err: { message: (error as Error).message } }, 'recovery could not settle an order; next pass retries');
      report.unresolved++;
    }
  }
  if (report.examined > 0) deps.logger.info(report, 'recovery pass done');
  return report;
}
