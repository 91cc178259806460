import { OrderChangedConcurrently, OrderStateConflict, PaymentError } from '../errors.js';
import { withinPaymentDeadline } from '../payment/payment-deadline.js';
import type { Order, OrderStatus, PaymentRecord, Refund } from './order.js';
import type { OrderDeps } from './order-deps.js';
import { statusAfterRefunds } from './order-money.js';
import { recoveryDueAt } from './recovery-schedule.js';

/** Rounds of re-reading an order another writer changed meanwhile. */
const MAX_ROUNDS = 5;
const RANK: Record<Refund['status'], number> = { REQUESTED: 0, PENDING: 1, SUCCEEDED: 2, FAILED: 2 };

/**
 * Writes a refund as REQUESTED before the provider is asked, in the write that takes the
 * order to `to` (the same state, or CANCELLED with its stock back): the amount is reserved at
 * once, so two refunds at a time never return more than was captured, and a crash before the
 * provider answers leaves a record recovery re-issues under the same refund id.
 */
export async function requestRefund(
  deps: OrderDeps,
  order: Order,
  refund: Pick<Refund, 'id' | 'amount' | 'reason' | 'requestHash'>,
  { to = order.status, returnStock = false, set = {} }: { to?: OrderStatus; returnStock?: boolean; set?: Partial<Pick<Order, 'payment' | 'transactions' | 'holdExpiresAt'>> } = {},
): Promise<Order> {
  const refunds = [...order.refunds, { ...refund, status: 'REQUESTED' as const, requestedAt: new Date().toISOString() }];
  const next = { ...order, ...set, status: to, refunds };
  return deps.orders.transition(order, [order.status], to, { set: { ...set, refunds }, returnStock, recoveryDueAt: recoveryDueAt(next, deps.timing) });
}

/**
 * Asks the provider for a REQUESTED refund (again, after a crash: the refund id is its
 * idempotency key, so it is returned once) and records the answer. An unknown outcome leaves
 * it REQUESTED for recovery; a refusal marks it FAILED and frees the amount.
 */
export async function issueRefund(deps: OrderDeps, order: Order, refundId: string): Promise<Order> {
  const refund = order.refunds.find((each) => each.id === refundId);
  if (!refund || refund.status !== 'REQUESTED') return order;
  if (!order.payment) return settleRefund(deps, order, refundId, 'FAILED');
  const { reference } = order.payment;
  let answer;
  try {
    answer = await withinPaymentDeadline(deps.timing.paymentTimeoutMs, (signal) =>
      deps.payments.refund({ orderId: order.id, paymentReference: reference, refundId, amount: refund.amount, reason: refund.reason }, signal),
    );
  } catch (error) {
    if (error instanceof PaymentError) {
      deps.logger.error({ orderId: order.id, refundId, code: error.code }, 'the provider refused a refund; nothing was returned, an operator should look');
      return settleRefund(deps, order, refundId, 'FAILED');
    }
    deps.logger.warn({ orderId: order.id, refundId, err: { message: (error as Error).message } }, 'refund outcome unknown; recovery asks again under the same refund id');
    return order;
  }
  return settleRefund(deps, order, refundId, answer.status === 'refunded' ? 'SUCCEEDED' : 'PENDING', answer.transactionReference);
}

/**
 * Records a refund's outcome and the status it leads to (PARTIALLY_REFUNDED, REFUNDED), on the
 * order as it is now: the client's call, the provider's webhook and recovery may each record
 * it, and a status only ever moves forward (REQUESTED, PENDING, then SUCCEEDED or FAILED).
 */
export async function settleRefund(deps: OrderDeps, order: Order, refundId: string, status: Exclude<Refund['status'], 'REQUESTED'>, reference?: string): Promise<Order> {
  let current = order;
  for (let round = 1; ; round++) {
    const refund = current.refunds.find((each) => each.id === refundId);
    if (!refund || RANK[refund.status] >= RANK[status]) return current;
    const at = new Date().toISOString();
    const settled: Refund = { ...refund, status, settledAt: at, ...(reference ? { reference } : {}) };
    const refunds = current.refunds.map((each) => (each.id === refundId ? settled : each));
    const to = status === 'FAILED' ? current.status : statusAfterRefunds(current, refunds);
    // Each answer the provider gave is a step of the payment; a refusal moved no money.
    const record: PaymentRecord[] = status === 'FAILED' ? [] : [{ type: 'REFUND', status, amount: refund.amount, reference: reference ?? refund.reference ?? refund.id, at }];
    const next = { ...current, status: to, refunds };
    try {
      const written = await deps.orders.transition(current, [current.status], to, {
        set: { refunds, transactions: [...current.transactions, ...record] },
        recoveryDueAt: recoveryDueAt(next, deps.timing),
      });
      return written;
    } catch (error) {
      if (!(error instanceof OrderChangedConcurrently || error instanceof OrderStateConflict) || round >= MAX_ROUNDS) throw error;
      current = error.current;
    }
  }
}
