import { requireSession } from '@shopgraph/shared/server';
import type { CartContext } from '../context.js';
import { ownerOf } from '../domain/cart.js';
import { viewCart } from '../domain/cart-view.js';

export const Query = {
  async cart(_: unknown, __: unknown, context: CartContext) {
    const session = requireSession(context);
    const cart = await context.carts.findByOwner(ownerOf(session));
    return cart ? viewCart(cart, context.catalog, context.logger) : null;
  },
};
