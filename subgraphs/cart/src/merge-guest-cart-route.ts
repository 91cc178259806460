import type { Logger } from '@shopgraph/shared';
import type { Router } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import type { CartContext } from './context.js';
import { mergeGuestCart } from './domain/merge-guest-cart.js';

/**
 * POST /internal/merge-guest-cart: the gateway's hand-over at sign-in. Only a context the
 * gateway signed for this purpose (a signed-in session plus the guest session it replaced)
 * is accepted; a client cannot reach this with its own session.
 */
export function mergeGuestCartRoute(logger: Logger) {
  return (router: Router, contextFor: (headers: IncomingHttpHeaders) => Promise<CartContext>): void => {
    router.post('/merge-guest-cart', (req, res) => {
      const answer = async () => {
        const context = await contextFor(req.headers);
        const customerId = context.session?.customerId;
        if (!customerId || !context.mergeFromSessionId) {
          res.status(401).json({ error: 'UNAUTHENTICATED' });
          return;
        }
        const { merged, cart } = await mergeGuestCart(context.carts, context.mergeFromSessionId, customerId);
        res.json({ merged, ...(cart ? { cartId: cart.id, version: cart.version } : {}) });
      };
      answer().catch((error: unknown) => {
        logger.error({ err: error }, 'guest cart merge failed');
        res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
      });
    });
  };
}
