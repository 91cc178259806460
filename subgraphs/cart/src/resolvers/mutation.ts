import { codedError, ErrorCode, HEADER_SESSION_HOLDS_STATE, notImplemented } from '@shopgraph/shared';
import { requireSession } from '@shopgraph/shared/server';
import type { CartContext } from '../context.js';
import { CatalogUnavailableError } from '../catalog/catalog-client.js';
import { addToCart } from '../domain/add-to-cart.js';
import { viewCart } from '../domain/cart-view.js';

export const Mutation = {
  async addToCart(_: unknown, { variantId, quantity }: { variantId: string; quantity: number }, context: CartContext) {
    const session = requireSession(context);
    const { cart, errors } = await addToCart(context, session, variantId, quantity).catch((error: unknown) => {
      if (error instanceof CatalogUnavailableError) {
        throw codedError(ErrorCode.SERVICE_UNAVAILABLE, 'The catalog is not answering; nothing was added. Try again shortly.');
      }
      throw error;
    });
    // The first line of an anonymous cart: from now on the session holds state.
    if (cart?.version === 1 && cart.owner.kind === 'session') context.responseHeaders.set(HEADER_SESSION_HOLDS_STATE, '1');
    return { cart: cart ? await viewCart(cart, context.catalog, context.logger) : null, errors };
  },
  updateCartLine() {
    throw notImplemented('updateCartLine');
  },
  removeCartLine() {
    throw notImplemented('removeCartLine');
  },
};
