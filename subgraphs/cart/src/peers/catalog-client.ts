import { createInternalClient, InternalCallError } from '@shopgraph/shared/server';
import type { Money } from '../domain/cart.js';

/** What cart needs from the catalog: whether a variant exists, and its current price. */
export interface CatalogClient {
  /** Current prices of the variants on sale; unknown and archived ids are absent from the map. Throws CatalogUnavailableError. */
  variantPrices(variantIds: readonly string[], requestId?: string): Promise<Map<string, Money>>;
}

export class CatalogUnavailableError extends Error {}

/**
 * Asks the catalog subgraph directly through its federation entry point, the same way the
 * gateway resolves variants: cart never reads the catalog's table.
 */
export function createCatalogClient({ url, timeoutMs = 2_000 }: { url: string; timeoutMs?: number }): CatalogClient {
  const client = createInternalClient({ service: 'catalog', timeoutMs });
  return {
    async variantPrices(variantIds, requestId) {
      try {
        const variants = await client.entities<{ id: string; price: Money; available: boolean }>(
          url,
          { operationName: 'CartVariantPrices', typename: 'ProductVariant', selection: 'id price { amount currencyCode } available', ids: variantIds },
          requestId ? { requestId } : {},
        );
        // An archived variant cannot be added (VARIANT_NOT_FOUND); a line holding one keeps its stored price.
        return new Map(variants.filter((variant) => variant.available).map((variant) => [variant.id, variant.price]));
      } catch (error) {
        if (error instanceof InternalCallError) throw new CatalogUnavailableError(error.message, { cause: error });
        throw error;
      }
    },
  };
}
