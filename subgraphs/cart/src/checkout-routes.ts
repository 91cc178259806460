import { createServiceTokenVerifier, HEADER_SERVICE_TOKEN, type Logger, type ServiceTokenClaims } from '@shopgraph/shared';
import type { Request, Response, Router } from 'express';
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
 * 401 without a valid token, 400 for a malformed body.
 */
export function withCheckoutRoutes(
  routes: InternalRoutes,
  { carts, checkoutPublicKeys, logger }: { carts: CartRepository; checkoutPublicKeys: Parameters<typeof createServiceTokenVerifier>[0]; logger: Logger },
): InternalRoutes {
  const verifier = createServiceTokenVerifier(checkoutPublicKeys, { issuer: 'checkout', audience: 'cart' });
  return (router, contextFor) => {
    routes(router, contextFor);
    const route = (path: string, answer: (owner: CartOwner, body: unknown) => Promise<Record<string, unknown> | undefined>) =>
      router.post(path, (req: Request, res: Response) => {
        const run = async () => {
          const owner = ownerIn(await verifier.verify(req.header(HEADER_SERVICE_TOKEN)));
          if (!owner) return void res.status(401).json({ error: 'UNAUTHENTICATED' });
          const body = await answer(owner, req.body);
          if (body) res.json(body);
          else res.status(400).json({ error: 'BAD_REQUEST' });
        };
        run().catch((error: unknown) => {
          logger.error({ err: error, path }, 'internal call failed');
          res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
        });
      });

    route('/checkout/cart', async (owner) => {
      const cart = await carts.findByOwner(owner);
      return {
        cart: cart
          ? { id: cart.id, version: cart.version, status: cart.status, lines: cart.lines.map(({ id, variantId, quantity }) => ({ id, variantId, quantity })) }
          : null,
      };
    });

    route('/checkout/mark-checked-out', async (owner, raw) => {
      const body = markBody.safeParse(raw);
      if (!body.success) return undefined;
      return { result: await carts.markCheckedOut(owner, body.data.cartId, body.data.orderId) };
    });
  };
}

/** Exactly one of cid (a customer) or sid (an anonymous session). */
function ownerIn(claims: ServiceTokenClaims | undefined): CartOwner | undefined {
  if (!claims) return undefined;
  if (claims['cid'] && !claims['sid']) return { kind: 'customer', customerId: claims['cid'] };
  if (claims['sid'] && !claims['cid']) return { kind: 'session', sessionId: claims['sid'] };
  return undefined;
}
