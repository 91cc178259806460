import { createInternalClient, InternalCallError } from '@shopgraph/shared/server';
import type { Money } from '../domain/cart.js';

/** What cart needs from the catalog: whether a variant exists, and its current price. */
export interface CatalogClient {
  /** Current prices of the variants that exist; unknown ids are absent from the map. Throws CatalogUnavailableError. */
  variantPrices(variantIds: readonly string[], requestId?: string): Promise<Map<string, Money>>;
}

export class CatalogUnavailableError extends Error {}

const VARIANT_PRICES = /* GraphQL */ `
  query CartVariantPrices($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on ProductVariant { id price { amount currencyCode } }
    }
  }
`;

/**
 * Asks the catalog subgraph directly through its federation entry point, the same way the
 * gateway resolves variants: cart never reads the catalog's table.
 */
export function createCatalogClient({ url, timeoutMs = 2_000 }: { url: string; timeoutMs?: number }): CatalogClient {
  const client = createInternalClient({ service: 'catalog', timeoutMs });
  return {
    async variantPrices(variantIds, requestId) {
      const ids = [...new Set(variantIds)];
      if (ids.length === 0) return new Map();
      try {
        const data = await client.graphql<{ _entities: ({ id: string; price: Money } | null)[] }>(
          url,
          VARIANT_PRICES,
          { representations: ids.map((id) => ({ __typename: 'ProductVariant', id })) },
          requestId ? { requestId } : {},
        );
        const prices = new Map<string, Money>();
        for (const entity of data._entities) if (entity) prices.set(entity.id, entity.price);
        return prices;
      } catch (error) {
        if (error instanceof InternalCallError) throw new CatalogUnavailableError(error.message, { cause: error });
        throw error;
      }
    },
  };
}
