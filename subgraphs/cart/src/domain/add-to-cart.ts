import { userError, type Session, type UserError } from '@shopgraph/shared';
import type { CatalogClient } from '../catalog/catalog-client.js';
import type { CartRepository } from '../store/cart-repository.js';
import { CartVersionConflictError } from '../store/cart-repository.js';
import { ownerOf, type Cart } from './cart.js';
import { addLine, CartErrorCode, newCart, validateQuantity } from './cart-rules.js';

/** Enough for a burst of adds from several devices at once; each conflict means another change landed. */
const MAX_ATTEMPTS = 8;
const VARIANT_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export interface AddToCartResult {
  cart: Cart | undefined;
  errors: UserError[];
}

/**
 * Validates, prices from the catalog, then writes with an optimistic lock. A concurrent
 * change from another device makes the write fail its condition; the cart is re-read and the
 * line added again, so neither device's change is lost. Bad input writes nothing.
 */
export async function addToCart(
  deps: { carts: CartRepository; catalog: CatalogClient },
  session: Session,
  variantId: string,
  quantity: number,
): Promise<AddToCartResult> {
  const owner = ownerOf(session);
  const invalid = validateQuantity(quantity);
  if (invalid) return { cart: await deps.carts.findByOwner(owner), errors: [invalid] };

  const price = VARIANT_ID_PATTERN.test(variantId) ? (await deps.catalog.variantPrices([variantId])).get(variantId) : undefined;
  if (!price) {
    return {
      cart: await deps.carts.findByOwner(owner),
      errors: [userError(CartErrorCode.VARIANT_NOT_FOUND, 'No product variant has this id.', ['variantId'])],
    };
  }

  for (let attempt = 1; ; attempt++) {
    const now = new Date();
    const current = (await deps.carts.findByOwner(owner, now)) ?? newCart(owner, now);
    const outcome = addLine(current, { variantId, quantity, unitPrice: price }, now);
    if ('error' in outcome) return { cart: current.version > 0 ? current : undefined, errors: [outcome.error] };
    try {
      return { cart: await deps.carts.save(outcome.cart), errors: [] };
    } catch (error) {
      if (!(error instanceof CartVersionConflictError)) throw error;
      if (attempt >= MAX_ATTEMPTS) {
        return {
          cart: await deps.carts.findByOwner(owner),
          errors: [userError(CartErrorCode.CART_VERSION_CONFLICT, 'The cart is changing on another device; nothing was added. Try again.')],
        };
      }
      // Jittered, so concurrent writers stop colliding in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}
