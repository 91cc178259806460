import { HEADER_SERVICE_TOKEN, type ServiceTokenSigner } from '@shopgraph/shared';
import { createInternalClient, InternalCallError } from '@shopgraph/shared/server';
import { NOTHING_TO_MERGE_REPORT, PENDING_REPORT, type CartMergeReport } from '../domain/cart-merge-report.js';

/** Who signed in, and from which guest session: what cart and checkout need to move its state. */
export interface HandOverClaims {
  customerId: string;
  /** The new signed-in session, so the service remembers it as handed over. */
  sessionId: string;
  guestSessionId: string;
  requestId: string;
}

export interface GuestStatePeers {
  /** Cart's answer as the report; PENDING when cart is busy with an order or does not answer. */
  handOverCart(claims: HandOverClaims): Promise<CartMergeReport>;
  /** How many guest orders became the customer's; throws InternalCallError when checkout does not answer. */
  handOverOrders(claims: HandOverClaims): Promise<number>;
}

interface CartAnswer {
  outcome: 'merged' | 'already-merged' | 'nothing-to-merge';
  report?: Omit<CartMergeReport, 'status'>;
}

/**
 * Identity's calls to cart's and checkout's /internal/identity/* routes, signed with its own
 * key (issuer 'identity', audience the callee) naming the customer and the guest session: at
 * sign-in identity alone saw that the two are one shopper.
 */
export function createGuestStatePeers({ cartUrl, checkoutUrl, signer, timeoutMs }: { cartUrl: string; checkoutUrl: string; signer: ServiceTokenSigner; timeoutMs: number }): GuestStatePeers {
  const cart = createInternalClient({ service: 'cart', timeoutMs });
  const checkout = createInternalClient({ service: 'checkout', timeoutMs });
  const tokenFor = (audience: string, { customerId, sessionId, guestSessionId, requestId }: HandOverClaims) =>
    signer.sign(audience, { cid: customerId, sid: sessionId, gsid: guestSessionId, rid: requestId });

  return {
    async handOverCart(claims) {
      try {
        const answer = await cart.postJson<CartAnswer>(`${cartUrl}/internal/identity/hand-over-guest-cart`, {}, {
          requestId: claims.requestId,
          headers: { [HEADER_SERVICE_TOKEN]: await tokenFor('cart', claims) },
        });
        if (answer.outcome === 'nothing-to-merge' || !answer.report) return { ...NOTHING_TO_MERGE_REPORT };
        return { status: 'MERGED', ...answer.report };
      } catch (error) {
        // 409: an order holding one of the carts is being paid; cart completes the move later.
        if (error instanceof InternalCallError && error.status === 409) return { ...PENDING_REPORT };
        throw error;
      }
    },

    async handOverOrders(claims) {
      const { ordersMoved } = await checkout.postJson<{ ordersMoved: number }>(`${checkoutUrl}/internal/identity/hand-over-guest-orders`, {}, {
        requestId: claims.requestId,
        headers: { [HEADER_SERVICE_TOKEN]: await tokenFor('checkout', claims) },
      });
      return ordersMoved;
    },
  };
}
