import { createInternalClient, InternalCallError } from '@shopgraph/shared/server';
import type { Money } from '../domain/cart.js';

/** What cart needs from the catalog: whether a variant exists, and its current price. */
export interface CatalogClient {
  /** Current prices of the variants that exist; unknown ids are absent from the map. Throws CatalogUnavailableError. */
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
        const variants = await client.entities<{ id: string; price: Money }>(
          url,
          { operationName: 'CartVariantPrices', typename: 'ProductVariant', selection: 'id price { amount currencyCode }', ids: variantIds },
          requestId ? { requestId } : {},
        );
        return new Map(variants.map((variant) => [variant.id, variant.price]));
      } catch (error) {
        if (error instanceof InternalCallError) throw new CatalogUnavailableError(error.message, { cause: error });
        throw error;
      }
    },
  };
}
