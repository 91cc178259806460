import type { HoldResult } from '../peers/cart-client.js';
import { cartOwnerOf, type Order } from './order.js';
import { later, type OrderDeps } from './order-deps.js';

/**
 * Holds the order's cart (read-only) until a margin past the order's own hold, so the cart is
 * never editable while the order can still be paid; a hold already the order's is extended.
 * Throws InternalCallError when cart does not answer.
 */
export function holdCart(deps: OrderDeps, order: Order, holdExpiresAt: string, version = order.cartVersion): Promise<HoldResult> {
  return deps.carts.hold(cartOwnerOf(order), { cartId: order.cartId, version, orderId: order.id, heldUntil: later(holdExpiresAt, deps.timing.cartHoldMarginMs) }, deps.requestId);
}

/**
 * Closes the order's cart (CHECKED_OUT, idempotent): the shopper's part is done once the
 * payment is authorised or captured. The time it was closed, or undefined when cart did not
 * answer; recovery closes it later.
 */
export async function closeCart(deps: OrderDeps, order: Order): Promise<string | undefined> {
  try {
    const result = await deps.carts.markCheckedOut(cartOwnerOf(order), order.cartId, order.id, deps.requestId);
    // The order no longer holds that cart (its hold lapsed and the cart changed, or it was
    // merged away): nothing left to close, and its lines are the shopper's again.
    if (result === 'not-found') deps.logger.warn({ orderId: order.id, cartId: order.cartId }, 'the order’s cart could not be closed: the order no longer holds it');
    return new Date().toISOString();
  } catch (error) {
    deps.logger.warn({ orderId: order.id, err: { message: (error as Error).message } }, 'could not close the cart; recovery will');
    return undefined;
  }
}

/**
 * Gives the cart back (ACTIVE with every line) after its order was declined or cancelled.
 * Best effort: if cart does not answer, the hold lapses at its end anyway.
 */
export async function releaseCart(deps: OrderDeps, order: Order): Promise<void> {
  if (order.cartMarkedAt) return;
  try {
    const result = await deps.carts.release(cartOwnerOf(order), order.cartId, order.id, deps.requestId);
    if (result !== 'released') deps.logger.info({ orderId: order.id, result }, 'the order’s cart was not held by it any more');
  } catch (error) {
    deps.logger.warn({ orderId: order.id, err: { message: (error as Error).message } }, 'could not release the cart; its hold lapses by itself');
  }
}
