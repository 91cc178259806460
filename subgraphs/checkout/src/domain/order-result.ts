import type { UserError } from '@shopgraph/shared';
import { checkoutError, CheckoutErrorCode, OrderChangedConcurrently, OrderStateConflict } from '../errors.js';
import type { OrderRepository } from '../store/order-repository.js';
import { isOwnedBy, type Order } from './order.js';

/** What every order mutation answers: the order, or null and the expected problems. */
export interface OrderResult {
  order: Order | null;
  errors: UserError[];
}

export const ok = (order: Order): OrderResult => ({ order, errors: [] });
export const refused = (...errors: UserError[]): OrderResult => ({ order: null, errors });

export const orderNotFound = (field = 'orderId') => refused(checkoutError(CheckoutErrorCode.ORDER_NOT_FOUND, 'No order has this id.', [field]));

export const stateConflict = (order: Order, doing: string) =>
  refused(checkoutError(CheckoutErrorCode.ORDER_STATE_CONFLICT, `The order is ${order.status}; it cannot ${doing} now.`));

export const paymentDeclined = (reason?: string) =>
  refused(checkoutError(CheckoutErrorCode.PAYMENT_DECLINED, `${reason ?? 'The payment was declined.'} Nothing was charged; the cart is yours again.`));

/** Ids checkout issues; anything else is answered as unknown without a read. */
const ORDER_ID = /^ord_[\w-]{1,64}$/;

export async function findOrder(orders: OrderRepository, orderId: string): Promise<Order | undefined> {
  return ORDER_ID.test(orderId) ? orders.get(orderId) : undefined;
}

/** The order, to its owner only: someone else's is answered exactly like an unknown id. */
export async function findOwnedOrder(orders: OrderRepository, session: Parameters<typeof isOwnedBy>[1], orderId: string): Promise<Order | undefined> {
  const order = await findOrder(orders, orderId);
  return order && isOwnedBy(order, session) ? order : undefined;
}

/** Rounds of deciding again on an order another writer changed meanwhile. */
const MAX_ROUNDS = 5;

/**
 * Runs `step` on the order, and again on the order as it is now whenever another writer
 * changed it first (OrderStateConflict or OrderChangedConcurrently): the step decides afresh
 * from the new state, which may mean there is nothing left to do.
 */
export async function onLatest<T>(order: Order, step: (order: Order) => Promise<T>): Promise<T> {
  let current = order;
  for (let round = 1; ; round++) {
    try {
      return await step(current);
    } catch (error) {
      if (!(error instanceof OrderChangedConcurrently || error instanceof OrderStateConflict) || round >= MAX_ROUNDS) throw error;
      current = error.current;
    }
  }
}
