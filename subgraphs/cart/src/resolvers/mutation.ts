import { codedError, ErrorCode, HEADER_SESSION_HOLDS_STATE } from '@shopgraph/shared';
import { responsePathAsArray } from 'graphql';
import { requireCartSession } from '../context.js';
import { addToCart, type CartChangeResult } from '../domain/add-to-cart.js';
import { priceCart } from '../domain/cart-view.js';
import { changeIdFor } from '../domain/change-id.js';
import { removeCartLine, updateCartLine } from '../domain/change-cart-line.js';
import type { MutationResolvers } from '../generated/resolver-types.js';
import { CatalogUnavailableError } from '../peers/catalog-client.js';

/** A change's answer, priced from the change's own catalog lookup: no second fetch. */
function payload({ cart, errors, prices }: CartChangeResult) {
  return { cart: cart ? priceCart(cart, prices) : null, errors };
}

export const Mutation: MutationResolvers = {
  async addToCart(_, { variantId, quantity }, context, info) {
    const session = await requireCartSession(context);
    const changeId = changeIdFor(context.idempotencyKey, responsePathAsArray(info.path).join('.'), { variantId, quantity });
    const result = await addToCart(context, session, { variantId, quantity, changeId }).catch((error: unknown) => {
      if (error instanceof CatalogUnavailableError) {
        throw codedError(ErrorCode.SERVICE_UNAVAILABLE, 'The catalog is not answering; nothing was added. Try again shortly.');
      }
      throw error;
    });
    // An anonymous session's first cart: from now on the session holds state.
    if (result.created && result.cart?.owner.kind === 'session') context.responseHeaders.set(HEADER_SESSION_HOLDS_STATE, '1');
    return payload(result);
  },

  async updateCartLine(_, { lineId, quantity, expectedVersion }, context) {
    const session = await requireCartSession(context);
    return payload(await updateCartLine(context, session, lineId, quantity, expectedVersion ?? undefined));
  },

  async removeCartLine(_, { lineId }, context) {
    const session = await requireCartSession(context);
    return payload(await removeCartLine(context, session, lineId));
  },
};
