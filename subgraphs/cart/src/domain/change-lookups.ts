import type { Logger } from '@shopgraph/shared';
import type { CatalogClient } from '../peers/catalog-client.js';
import type { StockClient } from '../peers/stock-client.js';
import type { Cart, Money } from './cart.js';

export interface LookupDeps {
  catalog: CatalogClient;
  stock: StockClient;
  logger: Logger;
  requestId: string;
}

export interface ChangeLookups {
  /** Current prices of the changed variant and of every line read: the change's answer is priced from these. */
  prices: Map<string, Money>;
  /** Units of the changed variant in stock; undefined when not asked or checkout did not answer. */
  available: number | undefined;
}

/**
 * Everything a cart change needs from other services, asked once and side by side: one catalog
 * fetch prices the changed variant (does it exist?) and every line of the cart as read, so the
 * returned cart needs no second fetch; checkout's stock for the changed variant when the change
 * can add units. Stock is advisory here (checkout enforces it at order time), so a checkout that
 * does not answer only skips the cut; a catalog that does not answer fails the change only when
 * `priceRequired` (an add must know the variant exists).
 */
export async function lookUpForChange(
  { catalog, stock, logger, requestId }: LookupDeps,
  { cart, variantId, withStock, priceRequired }: { cart: Cart | undefined; variantId: string; withStock: boolean; priceRequired: boolean },
): Promise<ChangeLookups> {
  const variantIds = [variantId, ...(cart?.lines.map((line) => line.variantId) ?? [])];
  const [prices, available] = await Promise.all([
    catalog.variantPrices(variantIds, requestId).catch((error: unknown) => {
      if (priceRequired) throw error;
      logger.warn({ err: { message: (error as Error).message }, cartId: cart?.id }, 'pricing cart from stored prices');
      return new Map<string, Money>();
    }),
    withStock
      ? stock.availableQuantities([variantId], requestId).then(
          (levels) => levels.get(variantId) ?? 0,
          (error: unknown) => {
            logger.warn({ err: { message: (error as Error).message }, variantId }, 'stock unknown; the cart change is not cut to it');
            return undefined;
          },
        )
      : Promise.resolve(undefined),
  ]);
  return { prices, available };
}

/** Prices for showing a cart that no change was made to: the catalog's, or the stored ones if it does not answer. */
export async function lookUpPrices({ catalog, logger, requestId }: Omit<LookupDeps, 'stock'>, cart: Cart): Promise<Map<string, Money>> {
  try {
    return await catalog.variantPrices(
      cart.lines.map((line) => line.variantId),
      requestId,
    );
  } catch (error) {
    logger.warn({ err: { message: (error as Error).message }, cartId: cart.id }, 'pricing cart from stored prices');
    return new Map();
  }
}
