import type { Logger } from '@shopgraph/shared';
import { internalRoute } from '@shopgraph/shared/server';
import type { Router } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import type { CartContext } from './context.js';
import { mergeGuestCart } from './domain/merge-guest-cart.js';

/**
 * POST /internal/merge-guest-cart: the gateway's hand-over at sign-in. Only a context the
 * gateway signed for this purpose (a signed-in session plus the guest session it replaced)
 * is accepted; a client cannot reach this with its own session. Safe to call again: a guest
 * cart already merged answers the same report and changes nothing.
 */
export function mergeGuestCartRoute(logger: Logger) {
  return (router: Router, contextFor: (headers: IncomingHttpHeaders) => Promise<CartContext>): void =>
    internalRoute(router, '/merge-guest-cart', { logger, contextFor }, async (context) => {
      const customerId = context.session?.customerId;
      if (!customerId || !context.mergeFromSessionId) return undefined;
      const merge = await mergeGuestCart(context, context.mergeFromSessionId, customerId);
      return merge.outcome === 'merged'
        ? { outcome: merge.outcome, report: merge.report, cartId: merge.cart.id, version: merge.cart.version }
        : merge.outcome === 'already-merged'
          ? { outcome: merge.outcome, report: merge.report }
          : { outcome: merge.outcome };
    });
}
