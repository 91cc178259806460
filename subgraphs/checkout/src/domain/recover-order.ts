import { PaymentError } from '../errors.js';
import { withinPaymentDeadline } from '../payment/payment-deadline.js';
import type { PaymentLookup } from '../payment/payment-provider.js';
import { issueRefund } from './issue-refund.js';
import type { Order } from './order.js';
import { closeCart, releaseCart } from './order-cart.js';
import type { OrderDeps } from './order-deps.js';
import { onLatest } from './order-result.js';
import { factOfLookup } from './payment-facts.js';
import { recoveryDueAt } from './recovery-schedule.js';
import { settlePayment, type SettleOutcome } from './settle-payment.js';

/** What recovery did to one order; the pass counts them. */
export type RecoveryOutcome = SettleOutcome | 'cart-closed' | 'refunds-settled' | 'unresolved';

/**
 * Recovery's work on one order whose entry is due: whatever a crash, a lost webhook or an
 * abandoned payment left, the provider's `lookup` says what is true and settlePayment moves the
 * order there. Recovery never charges: it only asks, voids a payment nobody will finish, and
 * re-issues a refund already requested under its own id.
 */
export async function recoverOrder(deps: OrderDeps, order: Order, now: Date): Promise<RecoveryOutcome> {
  let current = order;
  const requested = current.refunds.filter((refund) => refund.status === 'REQUESTED');
  for (const refund of requested) current = await issueRefund(deps, current, refund.id);
  if (requested.length > 0 && current.refunds.some((refund) => refund.status === 'REQUESTED')) return 'unresolved';

  switch (current.status) {
    case 'PENDING_PAYMENT':
      return fromLookup(deps, current, { abandon: true });
    case 'REQUIRES_ACTION':
    case 'AUTHORIZED':
      if (current.status === 'AUTHORIZED' && !current.cartMarkedAt) return closeCartLater(deps, current);
      // The shopper (or the admin) still has time: nothing to do before the hold expires.
      if (current.holdExpiresAt && current.holdExpiresAt > now.toISOString()) return reschedule(deps, current, requested.length > 0);
      return fromLookup(deps, current, { abandon: true });
    case 'PAYMENT_FAILED':
    case 'CANCELLED':
      return reschedule(deps, current, requested.length > 0);
    default:
      return current.cartMarkedAt ? reschedule(deps, current, requested.length > 0) : closeCartLater(deps, current);
  }
}

/**
 * Settles the order on what the provider holds. A payment still waiting for the shopper, or
 * authorised but past its hold, is abandoned: voided at the provider, then the order is
 * CANCELLED with its stock back. No payment at all: CANCELLED.
 */
async function fromLookup(deps: OrderDeps, order: Order, { abandon }: { abandon: boolean }): Promise<RecoveryOutcome> {
  let lookup: PaymentLookup | null;
  try {
    lookup = await withinPaymentDeadline(deps.timing.paymentTimeoutMs, (signal) => deps.payments.lookup(order.id, signal));
  } catch (error) {
    deps.logger.warn({ orderId: order.id, err: { message: (error as Error).message } }, 'payment provider did not answer recovery; next pass retries');
    return 'unresolved';
  }
  const fact = factOfLookup(lookup, order.total.currencyCode);
  if (fact.state === 'pending') return 'unresolved';
  const abandoned = abandon && (fact.state === 'requires_action' || (fact.state === 'authorized' && order.status === 'AUTHORIZED'));
  if (!abandoned) return (await settlePayment(deps, order, fact)).outcome;
  try {
    await withinPaymentDeadline(deps.timing.paymentTimeoutMs, (signal) => deps.payments.void({ orderId: order.id, paymentReference: lookup!.paymentReference }, signal));
  } catch (error) {
    if (!(error instanceof PaymentError)) {
      deps.logger.warn({ orderId: order.id, err: { message: (error as Error).message } }, 'recovery: could not void an abandoned payment; next pass retries');
      return 'unresolved';
    }
    // Refused: the payment moved on (captured at the last moment); the next pass settles on that.
    return 'unresolved';
  }
  deps.logger.info({ orderId: order.id, status: order.status }, 'recovery: payment abandoned past its hold; voided');
  return (await settlePayment(deps, order, { state: 'voided', reference: lookup!.paymentReference })).outcome;
}

/** An authorised or paid order whose cart did not close when it was settled. */
async function closeCartLater(deps: OrderDeps, order: Order): Promise<RecoveryOutcome> {
  const markedAt = await closeCart(deps, order);
  if (!markedAt) return 'unresolved';
  await onLatest(order, (current) => {
    const next = { ...current, cartMarkedAt: markedAt };
    return deps.orders.transition(current, [current.status], current.status, { set: { cartMarkedAt: markedAt }, recoveryDueAt: recoveryDueAt(next, deps.timing) });
  });
  return 'cart-closed';
}

/** Nothing due now: the entry moves to when work is due next, or goes (a cancelled order's cart is given back first). */
async function reschedule(deps: OrderDeps, order: Order, refundsSettled: boolean): Promise<RecoveryOutcome> {
  const due = recoveryDueAt(order, deps.timing);
  if (due !== (order.recoveryDueAt ?? null)) {
    await onLatest(order, (current) => deps.orders.transition(current, [current.status], current.status, { recoveryDueAt: recoveryDueAt(current, deps.timing) }));
  }
  if (order.status === 'CANCELLED' || order.status === 'PAYMENT_FAILED') await releaseCart(deps, order);
  return refundsSettled ? 'refunds-settled' : 'no-change';
}
