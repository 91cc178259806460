import { createServiceTokenVerifier, SESSION_ID_PATTERN, type Logger } from '@shopgraph/shared';
import { serviceRoute, StatusAnswer, type InternalRouteInstaller } from '@shopgraph/shared/server';
import type { CartContext } from '../context.js';
import type { GuestHandOver } from '../domain/guest-hand-over.js';
import type { StockClient } from '../peers/stock-client.js';
import type { CartRepository } from '../store/cart-repository.js';

/**
 * POST /internal/identity/hand-over-guest-cart, body {}: identity's call at sign-in, signed
 * with identity's own key (issuer 'identity', audience 'cart') naming the customer (`cid`)
 * and the guest session they signed in from (`gsid`). Identity alone saw that both are one
 * shopper. Safe to call again: a guest cart already merged answers the same report.
 *
 * -> { outcome: 'merged' | 'already-merged', report } | { outcome: 'nothing-to-merge' }
 * -> 409 { outcome: 'pending' } while an order holding the guest cart (or the customer's) is
 *    being paid: nothing moves; identity reports PENDING and cart completes the move on a
 *    later request of the session once the payment has ended either way.
 * -> 401 without a valid token naming both.
 */
export function identityRoutes({ carts, stock, handOver, identityPublicKeys, logger }: {
  carts: CartRepository;
  stock: StockClient;
  handOver: GuestHandOver;
  identityPublicKeys: Parameters<typeof createServiceTokenVerifier>[0];
  logger: Logger;
}): InternalRouteInstaller<CartContext> {
  const verifier = createServiceTokenVerifier(identityPublicKeys, { issuer: 'identity', audience: 'cart' });
  return (router) => {
    serviceRoute(router, '/identity/hand-over-guest-cart', { logger, verifier }, async (claims) => {
      const { cid: customerId, gsid: guestSessionId, sid: sessionId, rid: requestId = 'identity' } = claims;
      if (!customerId || !guestSessionId || !SESSION_ID_PATTERN.test(guestSessionId)) return 'unauthorized';
      const merge = await handOver.handOver({ carts, stock, logger: logger.child({ requestId }), requestId }, guestSessionId, customerId, sessionId);
      switch (merge.outcome) {
        case 'merged':
        case 'already-merged':
          return { outcome: merge.outcome, report: merge.report };
        case 'nothing-to-merge':
          return { outcome: merge.outcome };
        case 'pending':
          logger.info({ customerId, heldCart: merge.heldCart }, 'guest cart hand-over waits for an order being paid');
          return new StatusAnswer(409, { outcome: merge.outcome });
      }
    });
  };
}
