import { createInternalClient } from '@shopgraph/shared/server';

/** What cart asks checkout, which owns stock: how many units of a variant can be ordered now. */
export interface StockClient {
  /** Units available per variant; unknown ids are absent. Throws when checkout does not answer. */
  availableQuantities(variantIds: readonly string[], requestId?: string): Promise<Map<string, number>>;
}

/** Through checkout's federation entry point, as the gateway asks it: cart never reads checkout's table. */
export function createStockClient({ url, timeoutMs = 2_000 }: { url: string; timeoutMs?: number }): StockClient {
  const client = createInternalClient({ service: 'checkout', timeoutMs });
  return {
    async availableQuantities(variantIds, requestId) {
      const variants = await client.entities<{ id: string; availableQuantity: number }>(
        url,
        { operationName: 'CartVariantStock', typename: 'ProductVariant', selection: 'id availableQuantity', ids: variantIds },
        requestId ? { requestId } : {},
      );
      return new Map(variants.map((variant) => [variant.id, variant.availableQuantity]));
    },
  };
}
