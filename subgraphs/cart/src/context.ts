import type { SubgraphContext } from '@shopgraph/shared/server';
import type { CatalogClient } from './peers/catalog-client.js';
import type { StockClient } from './peers/stock-client.js';
import type { CartRepository } from './store/cart-repository.js';

export interface CartContext extends SubgraphContext {
  carts: CartRepository;
  catalog: CatalogClient;
  stock: StockClient;
}
