import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from '@shopgraph/shared';
import { createSubgraphServer, type SubgraphServer } from '@shopgraph/shared/server';
import { withCheckoutRoutes } from './checkout-routes.js';
import type { CartConfig } from './config.js';
import type { CartContext } from './context.js';
import { mergeGuestCartRoute } from './merge-guest-cart-route.js';
import { createCatalogClient, type CatalogClient } from './peers/catalog-client.js';
import { createStockClient, type StockClient } from './peers/stock-client.js';
import { resolvers } from './resolvers/index.js';
import { createCartRepository } from './store/cart-repository.js';

export interface CartServerDeps {
  config: CartConfig;
  logger: Logger;
  dynamo: DynamoDBDocumentClient;
  /** Defaults to the catalog subgraph at config.catalogUrl. */
  catalog?: CatalogClient;
  /** Defaults to the checkout subgraph at config.checkoutUrl. */
  stock?: StockClient;
}

/** Builds the cart subgraph; it listens only when `start()` is called. */
export function createCartServer({ config, logger, dynamo, catalog, stock }: CartServerDeps): SubgraphServer<CartContext> {
  const carts = createCartRepository({
    client: dynamo,
    tableName: config.cartTable,
    lifetimes: config.lifetimes,
    maxRememberedChanges: config.maxRememberedChanges,
  });
  const catalogClient = catalog ?? createCatalogClient({ url: config.catalogUrl, timeoutMs: config.peerTimeoutMs });
  const stockClient = stock ?? createStockClient({ url: config.checkoutUrl, timeoutMs: config.peerTimeoutMs });
  return createSubgraphServer<CartContext>({
    name: 'cart',
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger,
    config,
    tables: { client: dynamo, names: [config.cartTable] },
    extendContext: (base) => ({ ...base, carts, catalog: catalogClient, stock: stockClient }),
    internalRoutes: withCheckoutRoutes(mergeGuestCartRoute(logger), { carts, logger, checkoutPublicKeys: config.checkoutPublicKeys }),
  });
}
