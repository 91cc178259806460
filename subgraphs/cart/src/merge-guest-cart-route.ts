import type { Logger } from '@shopgraph/shared';
import type { Request, Response, Router } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import type { CartContext } from './context.js';
import { mergeGuestCart } from './domain/merge-guest-cart.js';

/**
 * POST /internal/merge-guest-cart: the gateway's hand-over at sign-in. Only a context the
 * gateway signed for this purpose (a signed-in session plus the guest session it replaced)
 * is accepted (401 otherwise); a client cannot reach this with its own session. Safe to call
 * again: a guest cart already merged answers the same report and changes nothing.
 *
 * While an order holding the guest cart (or the customer's) is being paid, nothing moves and
 * the answer is 409 `{ outcome: 'pending' }`: the gateway reports the hand-over PENDING and
 * asks again on the session's later requests, as it does when cart does not answer, so it
 * completes once the payment ends either way.
 */
export function mergeGuestCartRoute(logger: Logger) {
  return (router: Router, contextFor: (headers: IncomingHttpHeaders) => Promise<CartContext>): void => {
    router.post('/merge-guest-cart', (req: Request, res: Response) => {
      const run = async () => {
        const context = await contextFor(req.headers);
        const customerId = context.session?.customerId;
        if (!customerId || !context.mergeFromSessionId) {
          res.status(401).json({ error: 'UNAUTHENTICATED' });
          return;
        }
        const merge = await mergeGuestCart(context, context.mergeFromSessionId, customerId);
        switch (merge.outcome) {
          case 'merged':
            res.json({ outcome: merge.outcome, report: merge.report, cartId: merge.cart.id, version: merge.cart.version });
            return;
          case 'already-merged':
            res.json({ outcome: merge.outcome, report: merge.report });
            return;
          case 'nothing-to-merge':
            res.json({ outcome: merge.outcome });
            return;
          case 'pending':
            context.logger.info({ customerId, heldCart: merge.heldCart }, 'guest cart hand-over waits for an order being paid');
            res.status(409).json({ outcome: merge.outcome });
            return;
        }
      };
      run().catch((error: unknown) => {
        logger.error({ err: error, path: '/merge-guest-cart' }, 'internal call failed');
        res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
      });
    });
  };
}
