import type { Logger } from '@shopgraph/shared';
import type { GuestStatePeers, HandOverClaims } from '../peers/guest-state-peers.js';
import { PENDING_REPORT, type CartMergeReport } from './cart-merge-report.js';

export type GuestHandOver = (context: { requestId: string; logger: Logger }, shopper: Omit<HandOverClaims, 'requestId'>) => Promise<CartMergeReport>;

/**
 * At sign-in, the guest session's cart and orders become the customer's: identity alone saw
 * that the anonymous session and the new signed-in one are the same shopper, so it asks cart
 * and checkout, in parallel, with its own signed token. The sign-in stands whatever they
 * answer: a step that fails now is completed by cart or checkout on a later request of the
 * session, whose token names the guest session (Session.mergeFromSessionId); both steps are
 * idempotent. Only the cart's part is reported; the orders simply appear in `orders`.
 */
export function createGuestHandOver(peers: GuestStatePeers): GuestHandOver {
  return async ({ requestId, logger }, shopper) => {
    const claims = { ...shopper, requestId };
    const [cart, orders] = await Promise.allSettled([peers.handOverCart(claims), peers.handOverOrders(claims)]);
    if (orders.status === 'rejected') {
      logger.warn({ err: { message: (orders.reason as Error).message }, customerId: shopper.customerId }, 'guest orders hand-over failed; checkout completes it on a later request of the session');
    }
    if (cart.status === 'rejected') {
      logger.warn({ err: { message: (cart.reason as Error).message }, customerId: shopper.customerId }, 'guest cart hand-over failed; cart completes it on a later request of the session');
      return { ...PENDING_REPORT };
    }
    return cart.value;
  };
}
