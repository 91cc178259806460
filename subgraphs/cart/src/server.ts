import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from '@shopgraph/shared';
import { createSubgraphServer, type SubgraphServer } from '@shopgraph/shared/server';
import type { CartConfig } from './config.js';
import type { CartContext } from './context.js';
import { createGuestHandOver } from './domain/guest-hand-over.js';
import { checkoutRoutes } from './internal/checkout-routes.js';
import { identityRoutes } from './internal/identity-routes.js';
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
  const catalogClient = catalog ?? createCatalogClient({ url: `${config.catalogUrl}/graphql`, timeoutMs: config.peerTimeoutMs });
  const stockClient = stock ?? createStockClient({ url: `${config.checkoutUrl}/graphql`, timeoutMs: config.peerTimeoutMs });
  const handOver = createGuestHandOver();
  return createSubgraphServer<CartContext>({
    name: 'cart',
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger,
    config,
    tables: { client: dynamo, names: [config.cartTable] },
    extendContext: (base) => ({ ...base, carts, catalog: catalogClient, stock: stockClient, handOver }),
    internalRoutes: [
      identityRoutes({ carts, stock: stockClient, handOver, identityPublicKeys: config.identityPublicKeys, logger }),
      checkoutRoutes({ carts, stock: stockClient, handOver, checkoutPublicKeys: config.checkoutPublicKeys, logger }),
    ],
  });
}
