import type { Money } from '../domain/cart.js';

/** What cart needs from the catalog: whether a variant exists, and its current price. */
export interface CatalogClient {
  /** Current prices of the variants that exist; unknown ids are absent from the map. */
  variantPrices(variantIds: readonly string[]): Promise<Map<string, Money>>;
}

export class CatalogUnavailableError extends Error {}

const VARIANT_PRICES = /* GraphQL */ `
  query CartVariantPrices($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on ProductVariant { id price { amount currencyCode } }
    }
  }
`;

interface EntitiesResponse {
  data?: { _entities?: ({ id: string; price: Money } | null)[] };
  errors?: { message: string }[];
}

/**
 * Asks the catalog subgraph directly through its federation entry point, the same way the
 * gateway resolves variants: cart never reads the catalog's table.
 */
export function createCatalogClient({ url, timeoutMs = 2_000 }: { url: string; timeoutMs?: number }): CatalogClient {
  return {
    async variantPrices(variantIds) {
      const ids = [...new Set(variantIds)];
      if (ids.length === 0) return new Map();
      let body: EntitiesResponse;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: VARIANT_PRICES,
            variables: { representations: ids.map((id) => ({ __typename: 'ProductVariant', id })) },
          }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        body = (await response.json()) as EntitiesResponse;
      } catch (error) {
        throw new CatalogUnavailableError(`catalog did not answer: ${(error as Error).message}`, { cause: error });
      }
      if (body.errors?.length || !body.data?._entities) {
        throw new CatalogUnavailableError(`catalog refused the price lookup: ${body.errors?.[0]?.message ?? 'no data'}`);
      }
      const prices = new Map<string, Money>();
      for (const entity of body.data._entities) if (entity) prices.set(entity.id, entity.price);
      return prices;
    },
  };
}
