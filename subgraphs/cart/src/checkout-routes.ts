import { createServiceTokenVerifier, type Logger, type ServiceTokenClaims } from '@shopgraph/shared';
import { serviceRoute } from '@shopgraph/shared/server';
import type { Router } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import type { CartContext } from './context.js';
import type { CartOwner } from './domain/cart.js';
import type { CartRepository } from './store/cart-repository.js';

type InternalRoutes = (router: Router, contextFor: (headers: IncomingHttpHeaders) => Promise<CartContext>) => void;

const markBody = z.strictObject({ cartId: z.string().min(1).max(128), orderId: z.string().min(1).max(128) });

/**
 * Checkout's calls, signed with checkout's own key (issuer 'checkout', audience 'cart'),
 * naming the cart's owner: its recovery pass has no shopper request to forward.
 *
 * - POST /internal/checkout/cart, body {} -> { cart: { id, version, status, lines: [{ id, variantId, quantity }] } | null }
 * - POST /internal/checkout/mark-checked-out, body { cartId, orderId } -> { result: 'marked' | 'already-marked' | 'not-found' }
 *
 * 401 without a valid token naming one owner, 400 for a malformed body.
 */
export function withCheckoutRoutes(
  routes: InternalRoutes,
  { carts, checkoutPublicKeys, logger }: { carts: CartRepository; checkoutPublicKeys: Parameters<typeof createServiceTokenVerifier>[0]; logger: Logger },
): InternalRoutes {
  const verifier = createServiceTokenVerifier(checkoutPublicKeys, { issuer: 'checkout', audience: 'cart' });
  return (router, contextFor) => {
    routes(router, contextFor);

    serviceRoute(router, '/checkout/cart', { logger, verifier }, async (claims) => {
      const owner = ownerIn(claims);
      if (!owner) return 'unauthorized';
      const cart = await carts.findByOwner(owner);
      return {
        cart: cart
          ? { id: cart.id, version: cart.version, status: cart.status, lines: cart.lines.map(({ id, variantId, quantity }) => ({ id, variantId, quantity })) }
          : null,
      };
    });

    serviceRoute(router, '/checkout/mark-checked-out', { logger, verifier }, async (claims, raw) => {
      const owner = ownerIn(claims);
      if (!owner) return 'unauthorized';
      const body = markBody.safeParse(raw);
      if (!body.success) return 'bad-request';
      return { result: await carts.markCheckedOut(owner, body.data.cartId, body.data.orderId) };
    });
  };
}

/** Exactly one of cid (a customer) or sid (an anonymous session). */
function ownerIn(claims: ServiceTokenClaims): CartOwner | undefined {
  if (claims['cid'] && !claims['sid']) return { kind: 'customer', customerId: claims['cid'] };
  if (claims['sid'] && !claims['cid']) return { kind: 'session', sessionId: claims['sid'] };
  return undefined;
}
