import { createServiceTokenVerifier, type Logger, type ServiceTokenClaims } from '@shopgraph/shared';
import { serviceRoute, type InternalRouteInstaller } from '@shopgraph/shared/server';
import { z } from 'zod';
import type { CartContext } from '../context.js';
import type { CartOwner } from '../domain/cart.js';
import type { GuestHandOver } from '../domain/guest-hand-over.js';
import type { StockClient } from '../peers/stock-client.js';
import type { CartRepository } from '../store/cart-repository.js';

const cartId = z.string().min(1).max(128);
const orderId = z.string().min(1).max(128);
/** Closing or releasing names the order, never a version: the hold already pins the cart. */
const cartOfOrderBody = z.strictObject({ cartId, orderId });
const holdBody = z.strictObject({
  cartId,
  version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  orderId,
  heldUntil: z.iso.datetime({ offset: true }),
});

/**
 * Checkout's calls, signed with checkout's own key (issuer 'checkout', audience 'cart'),
 * naming the cart's owner: its recovery pass has no shopper request to forward.
 *
 * - POST /internal/checkout/cart, body {} -> { cart: { id, version, status, lines: [{ id, variantId, quantity }], heldBy? } | null }
 *   (`heldBy: { orderId, heldUntil }` while status is PENDING_ORDER; a lapsed hold reads ACTIVE).
 *   A customer's token may also name the signed-in session (`signedInSessionId`) and the guest
 *   session it replaced at sign-in (`guestSessionId`), from the shopper's signed context: a guest hand-over still pending
 *   is completed first, so the order holds what the shopper's cart shows.
 * - POST /internal/checkout/hold, body { cartId, version, orderId, heldUntil } -> { result: 'held' | 'already-held' | 'version-moved' | 'not-found' }
 * - POST /internal/checkout/release, body { cartId, orderId } -> { result: 'released' | 'not-held' | 'not-found' }
 * - POST /internal/checkout/mark-checked-out, body { cartId, orderId } -> { result: 'marked' | 'already-marked' | 'not-found' }
 *
 * The order's life as the cart sees it: hold (read-only while the order is paid), then close
 * (mark-checked-out) or release (ACTIVE again, every line kept). See CartRepository for each answer.
 *
 * 401 without a valid token naming one owner, 400 for a malformed body.
 */
export function checkoutRoutes({ carts, stock, handOver, checkoutPublicKeys, logger }: {
  carts: CartRepository;
  stock: StockClient;
  handOver: GuestHandOver;
  checkoutPublicKeys: Parameters<typeof createServiceTokenVerifier>[0];
  logger: Logger;
}): InternalRouteInstaller<CartContext> {
  const verifier = createServiceTokenVerifier(checkoutPublicKeys, { issuer: 'checkout', audience: 'cart' });
  return (router) => {
    serviceRoute(router, '/checkout/cart', { logger, verifier }, async (claims) => {
      const owner = ownerIn(claims);
      if (!owner) return 'unauthorized';
      const { signedInSessionId, guestSessionId } = claims;
      if (owner.kind === 'customer' && signedInSessionId && guestSessionId) {
        const requestId = claims['rid'] ?? 'checkout';
        await handOver.completePending(
          { carts, stock, logger: logger.child({ requestId }), requestId },
          { sessionId: signedInSessionId, customerId: owner.customerId, mergeFromSessionId: guestSessionId },
        );
      }
      const cart = await carts.findByOwner(owner);
      return {
        cart: cart
          ? {
              id: cart.id,
              version: cart.version,
              status: cart.status,
              lines: cart.lines.map(({ id, variantId, quantity }) => ({ id, variantId, quantity })),
              ...(cart.hold ? { heldBy: { orderId: cart.hold.orderId, heldUntil: cart.hold.until } } : {}),
            }
          : null,
      };
    });

    serviceRoute(router, '/checkout/hold', { logger, verifier }, async (claims, raw) => {
      const owner = ownerIn(claims);
      if (!owner) return 'unauthorized';
      const body = holdBody.safeParse(raw);
      if (!body.success) return 'bad-request';
      return { result: await carts.hold(owner, body.data) };
    });

    serviceRoute(router, '/checkout/release', { logger, verifier }, async (claims, raw) => {
      const owner = ownerIn(claims);
      if (!owner) return 'unauthorized';
      const body = cartOfOrderBody.safeParse(raw);
      if (!body.success) return 'bad-request';
      return { result: await carts.release(owner, body.data.cartId, body.data.orderId) };
    });

    serviceRoute(router, '/checkout/mark-checked-out', { logger, verifier }, async (claims, raw) => {
      const owner = ownerIn(claims);
      if (!owner) return 'unauthorized';
      const body = cartOfOrderBody.safeParse(raw);
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
