import type { SubgraphContext } from '@shopgraph/shared/server';
import DataLoader from 'dataloader';
import type { InventoryRepository } from './store/inventory-repository.js';
import type { StockNotices } from './sync/stock-notices.js';

/** What checkout resolvers get: the verified session (if any), inventory, notices, loaders. */
export interface CheckoutContext extends SubgraphContext {
  inventory: InventoryRepository;
  stockNotices: StockNotices;
  loaders: {
    /** Stock per variant: one BatchGetItem per 100 variants a request asks about. */
    stock: DataLoader<string, number>;
  };
}

export function createCheckoutLoaders(inventory: InventoryRepository): CheckoutContext['loaders'] {
  return {
    stock: new DataLoader(async (variantIds) => {
      const found = await inventory.quantitiesByVariantIds(variantIds);
      return variantIds.map((id) => found.get(id) ?? 0);
    }),
  };
}
