import { createInternalClient } from '@shopgraph/shared/server';
import type { Money } from '../domain/order.js';

/** Current catalog prices; unknown and archived variants are absent. Throws InternalCallError when catalog does not answer. */
export interface CatalogPrices {
  pricesOf(variantIds: readonly string[], requestId: string): Promise<Map<string, Money>>;
}

const VARIANT_PRICES = /* GraphQL */ `
  query CheckoutVariantPrices($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on ProductVariant { id price { amount currencyCode } available }
    }
  }
`;

/** Asks catalog's federation entry point, as the gateway would: checkout never reads catalog's table. */
export function createCatalogPrices({ url, timeoutMs }: { url: string; timeoutMs: number }): CatalogPrices {
  const http = createInternalClient({ service: 'catalog', timeoutMs });
  return {
    async pricesOf(variantIds, requestId) {
      const ids = [...new Set(variantIds)];
      if (ids.length === 0) return new Map();
      const data = await http.graphql<{ _entities: ({ id: string; price: Money; available: boolean } | null)[] }>(
        url,
        VARIANT_PRICES,
        { representations: ids.map((id) => ({ __typename: 'ProductVariant', id })) },
        { requestId },
      );
      // An archived variant has no price to sell at: placeOrder refuses it as it does an unknown one.
      return new Map(data._entities.flatMap((entity) => (entity?.available ? [[entity.id, entity.price] as [string, Money]] : [])));
    },
  };
}
