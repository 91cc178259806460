import type { SubgraphContext } from '@shopgraph/shared/server';
import type { CatalogClient } from './catalog/catalog-client.js';
import type { CartRepository } from './store/cart-repository.js';

export interface CartContext extends SubgraphContext {
  carts: CartRepository;
  catalog: CatalogClient;
}
