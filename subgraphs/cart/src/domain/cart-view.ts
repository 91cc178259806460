import type { Logger } from '@shopgraph/shared';
import type { CatalogClient } from '../catalog/catalog-client.js';
import type { Cart, Money } from './cart.js';
import { priceCart, type PricedCart } from './price-cart.js';

/**
 * The cart as a client sees it, at current catalog prices. If the catalog cannot answer, the
 * cart still shows, at the prices stored when each line last changed: a slow catalog must not
 * hide a shopper's cart.
 */
export async function viewCart(cart: Cart, catalog: CatalogClient, logger: Logger): Promise<PricedCart> {
  let prices: Map<string, Money> = new Map();
  try {
    prices = await catalog.variantPrices(cart.lines.map((line) => line.variantId));
  } catch (error) {
    logger.warn({ err: { message: (error as Error).message }, cartId: cart.id }, 'pricing cart from stored prices');
  }
  return priceCart(cart, prices);
}
