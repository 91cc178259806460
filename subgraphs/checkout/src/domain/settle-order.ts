import type { Logger } from '@shopgraph/shared';
import type { CartClient } from '../clients/cart-client.js';
import type { OrderRepository } from '../store/order-repository.js';
import type { Order } from './order.js';
import type { AfterStep } from './place-order.js';

/**
 * For a charged order: marks its cart CHECKED_OUT, then records PAID with the cart marked in
 * one write, which also ends its recovery entry. If cart does not answer, the order is
 * recorded PAID and recovery marks the cart later. False when another writer settled it first.
 */
export async function closeCart(
  deps: { orders: OrderRepository; carts: CartClient; logger: Logger; afterStep?: AfterStep | undefined },
  order: Order,
  requestId: string,
): Promise<boolean> {
  let markedAt: string | undefined;
  try {
    const result = await deps.carts.markCheckedOut(order.owner, order.cartId, order.id, requestId);
    // 'not-found': the cart is no longer that ACTIVE cart (merged away); nothing left to mark.
    if (result === 'not-found') deps.logger.warn({ orderId: order.id, cartId: order.cartId }, 'paid order’s cart could not be marked checked out: no longer active');
    markedAt = new Date().toISOString();
  } catch (error) {
    deps.logger.warn({ orderId: order.id, err: { message: (error as Error).message } }, 'could not mark the cart checked out; recovery will');
  }
  if (markedAt) await deps.afterStep?.('cart-marked', order);
  return deps.orders.recordPaid(order, markedAt);
}
