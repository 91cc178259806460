import { OrderChangedConcurrently, OrderStateConflict } from '../errors.js';
import type { Order, OrderPayment, OrderStatus, PaymentRecord } from './order.js';
import { closeCart, releaseCart } from './order-cart.js';
import { later, type OrderDeps } from './order-deps.js';
import { authorizedAmount } from './order-money.js';
import { isIn, ORDER_STATES } from './order-states.js';
import type { PaymentFact } from './payment-facts.js';
import { recoveryDueAt } from './recovery-schedule.js';
import { returnLatePayment } from './return-late-payment.js';

/** What a fact did to its order; the webhook route answers it and recovery counts it. */
export type SettleOutcome = 'paid' | 'authorized' | 'requires-action' | 'payment-failed' | 'cancelled' | 'returned' | 'amount-mismatch' | 'no-change';

export interface Settled {
  order: Order;
  outcome: SettleOutcome;
}

/** Rounds of re-deciding on an order another writer changed meanwhile. */
const MAX_ROUNDS = 5;

/**
 * Moves an order on what checkout learnt about its payment, the same way whoever learnt it
 * (placeOrder, confirmPayment, capturePayment, a webhook, recovery). Each move is one
 * conditional write from the state it read; a writer that loses the race reads the order
 * again and decides again, so the client's confirmation and the webhook end in one state
 * whichever comes first. A fact that comes after the order moved on (late, repeated, out of
 * order) changes nothing, except money that turns up for an order closed without it: that is
 * returned (returnLatePayment).
 */
export async function settlePayment(deps: OrderDeps, order: Order, fact: PaymentFact): Promise<Settled> {
  let current = order;
  for (let round = 1; ; round++) {
    try {
      return await settleOnce(deps, current, fact);
    } catch (error) {
      if (!(error instanceof OrderChangedConcurrently || error instanceof OrderStateConflict) || round >= MAX_ROUNDS) throw error;
      current = error.current;
    }
  }
}

async function settleOnce(deps: OrderDeps, order: Order, fact: PaymentFact): Promise<Settled> {
  const status = order.status;
  const at = new Date().toISOString();
  switch (fact.state) {
    case 'captured': {
      if (isIn(status, ORDER_STATES.closedUnpaid)) return returnLatePayment(deps, order, fact);
      if (!isIn(status, ORDER_STATES.open)) return { order, outcome: 'no-change' };
      // Under automatic capture the whole total is taken; a capture of an authorisation takes at most what was authorised.
      const fits =
        fact.amount.currencyCode === order.total.currencyCode &&
        (status === 'AUTHORIZED' ? fact.amount.amount > 0 && fact.amount.amount <= authorizedAmount(order) : fact.amount.amount === order.total.amount);
      if (!fits) return mismatch(deps, order, fact.amount.amount);
      const records: PaymentRecord[] =
        status === 'AUTHORIZED' ? [] : [{ type: 'AUTHORIZATION', status: 'SUCCEEDED', amount: order.total, reference: fact.reference, at }];
      records.push({ type: 'CAPTURE', status: 'SUCCEEDED', amount: fact.amount, reference: fact.transactionReference ?? fact.reference, at });
      const payment = { reference: fact.reference, authorized: Math.max(authorizedAmount(order), fact.amount.amount), captured: fact.amount.amount };
      return paymentTaken(deps, order, 'PAID', payment, records);
    }
    case 'authorized': {
      if (isIn(status, ORDER_STATES.closedUnpaid)) return returnLatePayment(deps, order, fact);
      if (!isIn(status, ORDER_STATES.unpaid)) return { order, outcome: 'no-change' };
      if (fact.amount.currencyCode !== order.total.currencyCode || fact.amount.amount !== order.total.amount) return mismatch(deps, order, fact.amount.amount);
      const record: PaymentRecord = { type: 'AUTHORIZATION', status: 'SUCCEEDED', amount: fact.amount, reference: fact.reference, at };
      return paymentTaken(deps, order, 'AUTHORIZED', { reference: fact.reference, authorized: fact.amount.amount, captured: 0 }, [record]);
    }
    case 'requires_action': {
      // Only an answer to authorize or confirm carries what the client needs; an event alone does not.
      if (!fact.action || !isIn(status, ORDER_STATES.unpaid)) return { order, outcome: 'no-change' };
      const known = order.payment?.action;
      if (status === 'REQUIRES_ACTION' && known?.clientSecret === fact.action.clientSecret && known?.redirectUrl === fact.action.redirectUrl) return { order, outcome: 'no-change' };
      const waiting = status === 'REQUIRES_ACTION' ? [] : [{ type: 'AUTHORIZATION' as const, status: 'REQUIRES_ACTION' as const, amount: order.total, reference: fact.reference, at }];
      const next = { ...order, status: 'REQUIRES_ACTION' as const };
      const written = await deps.orders.transition(order, [status], 'REQUIRES_ACTION', {
        set: { payment: { reference: fact.reference, authorized: 0, captured: 0, action: fact.action }, transactions: [...order.transactions, ...waiting] },
        recoveryDueAt: recoveryDueAt(next, deps.timing),
      });
      return { order: written, outcome: 'requires-action' };
    }
    case 'declined': {
      if (!isIn(status, ORDER_STATES.unpaid)) return { order, outcome: 'no-change' };
      const record: PaymentRecord = { type: 'AUTHORIZATION', status: 'FAILED', amount: order.total, reference: fact.reference ?? order.payment?.reference ?? order.id, at };
      return closeWithoutPayment(deps, order, 'PAYMENT_FAILED', [record]);
    }
    case 'voided': {
      if (!isIn(status, ORDER_STATES.open)) return { order, outcome: 'no-change' };
      const record: PaymentRecord = { type: 'VOID', status: 'SUCCEEDED', amount: order.total, reference: fact.reference ?? order.payment?.reference ?? order.id, at };
      return closeWithoutPayment(deps, order, 'CANCELLED', [record]);
    }
    case 'none':
      // The provider never made a payment: once nothing can be in flight (recovery's pending
      // timeout, a refused call), the order is cancelled with its stock back.
      if (!isIn(status, ORDER_STATES.unpaid)) return { order, outcome: 'no-change' };
      return closeWithoutPayment(deps, order, 'CANCELLED', []);
    default:
      // Still pending: its webhook or a later recovery pass settles it.
      return { order, outcome: 'no-change' };
  }
}

/**
 * Authorised or captured: the shopper's part is done, so the cart is closed first (idempotent),
 * then the order records it, with the cart's closing in the same write. If cart does not
 * answer, the order is recorded and recovery closes the cart.
 */
async function paymentTaken(deps: OrderDeps, order: Order, to: Extract<OrderStatus, 'PAID' | 'AUTHORIZED'>, payment: OrderPayment, records: PaymentRecord[]): Promise<Settled> {
  const markedAt = order.cartMarkedAt ?? (await closeCart(deps, order));
  const holdExpiresAt = to === 'AUTHORIZED' ? later(new Date(), deps.timing.authorizationHoldMs) : undefined;
  const next: Order = { ...order, status: to, cartMarkedAt: markedAt, holdExpiresAt };
  const written = await deps.orders.transition(order, [order.status], to, {
    set: { payment, transactions: [...order.transactions, ...records], cartMarkedAt: markedAt, holdExpiresAt },
    recoveryDueAt: recoveryDueAt(next, deps.timing),
  });
  deps.logger.info({ orderId: order.id, from: order.status, to }, to === 'PAID' ? 'payment captured, order PAID' : 'payment authorised, order AUTHORIZED');
  return { order: written, outcome: to === 'PAID' ? 'paid' : 'authorized' };
}

/** Declined or voided: the stock goes back in the same write, then the cart is given back. */
async function closeWithoutPayment(deps: OrderDeps, order: Order, to: Extract<OrderStatus, 'PAYMENT_FAILED' | 'CANCELLED'>, records: PaymentRecord[]): Promise<Settled> {
  const payment = order.payment ? { ...order.payment, action: undefined } : undefined;
  const written = await deps.orders.transition(order, [order.status], to, {
    set: { transactions: [...order.transactions, ...records], holdExpiresAt: undefined, ...(payment ? { payment } : {}) },
    returnStock: true,
    recoveryDueAt: recoveryDueAt({ ...order, status: to }, deps.timing),
  });
  deps.logger.info({ orderId: order.id, from: order.status, to }, 'no payment kept; stock released');
  await releaseCart(deps, written);
  return { order: written, outcome: to === 'PAYMENT_FAILED' ? 'payment-failed' : 'cancelled' };
}

function mismatch(deps: OrderDeps, order: Order, amount: number): Settled {
  deps.logger.error({ orderId: order.id, status: order.status, amount, total: order.total.amount }, 'payment amount differs from what the order can take; left for an operator');
  return { order, outcome: 'amount-mismatch' };
}
