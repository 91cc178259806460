import { createInternalClient } from '@shopgraph/shared/server';

/** What cart asks checkout, which owns stock: how many units of a variant can be ordered now. */
export interface StockClient {
  /** Units available per variant; unknown ids are absent. Throws when checkout does not answer. */
  availableQuantities(variantIds: readonly string[], requestId?: string): Promise<Map<string, number>>;
}

const AVAILABLE = /* GraphQL */ `
  query CartVariantStock($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on ProductVariant { id availableQuantity }
    }
  }
`;

/** Through checkout's federation entry point, as the gateway asks it: cart never reads checkout's table. */
export function createStockClient({ url, timeoutMs = 2_000 }: { url: string; timeoutMs?: number }): StockClient {
  const client = createInternalClient({ service: 'checkout', timeoutMs });
  return {
    async availableQuantities(variantIds, requestId) {
      const ids = [...new Set(variantIds)];
      if (ids.length === 0) return new Map();
      const data = await client.graphql<{ _entities: ({ id: string; availableQuantity: number } | null)[] }>(
        url,
        AVAILABLE,
        { representations: ids.map((id) => ({ __typename: 'ProductVariant', id })) },
        requestId ? { requestId } : {},
      );
      const available = new Map<string, number>();
      for (const entity of data._entities) if (entity) available.set(entity.id, entity.availableQuantity);
      return available;
    },
  };
}
