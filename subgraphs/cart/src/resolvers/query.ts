import { requireCartSession } from '../context.js';
import { ownerOf } from '../domain/cart.js';
import { priceCart } from '../domain/cart-view.js';
import { lookUpPrices } from '../domain/change-lookups.js';
import type { QueryResolvers } from '../generated/resolver-types.js';

export const Query: QueryResolvers = {
  /** One GetItem and one catalog fetch; a catalog that does not answer shows the stored prices. */
  async cart(_, __, context) {
    const session = await requireCartSession(context);
    const cart = await context.carts.findByOwner(ownerOf(session));
    return cart ? priceCart(cart, await lookUpPrices(context, cart)) : null;
  },
};
