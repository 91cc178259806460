import type { SubgraphContext } from '@shopgraph/shared/server';
import DataLoader from 'dataloader';
import type { CartClient } from './peers/cart-client.js';
import type { CatalogPrices } from './peers/catalog-client.js';
import type { SavedAddresses } from './peers/saved-address-client.js';
import type { GuestOrderHandOver } from './domain/guest-order-hand-over.js';
import type { OrderTiming } from './domain/order-deps.js';
import type { PaymentProvider } from './payment/payment-provider.js';
import type { InventoryRepository } from './store/inventory-repository.js';
import type { OrderRepository } from './store/order-repository.js';
import type { StockNotices } from './sync/stock-notices.js';

/** What an order's steps need besides the request: the same for every request of a replica. */
export interface OrderServices {
  orders: OrderRepository;
  /** A guest session's orders becoming the customer's who signed in from it. */
  guestOrders: GuestOrderHandOver;
  carts: CartClient;
  catalog: CatalogPrices;
  /** Identity's address book: an order may ship to a saved address. */
  savedAddresses: SavedAddresses;
  payments: PaymentProvider;
  timing: OrderTiming;
  idempotencyTtlSeconds: number;
}

/** What checkout resolvers get: the verified session (if any), inventory, orders, notices, loaders. */
export interface CheckoutContext extends SubgraphContext {
  inventory: InventoryRepository;
  stockNotices: StockNotices;
  orderServices: OrderServices;
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
