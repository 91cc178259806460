import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from '@shopgraph/shared';
import { createSubgraphServer, type SubgraphServer } from '@shopgraph/shared/server';
import type { CheckoutConfig } from './config.js';
import { createCheckoutLoaders, type CheckoutContext } from './context.js';
import { resolvers } from './resolvers/index.js';
import { createInventoryRepository } from './store/inventory-repository.js';
import { createStockNotices } from './sync/stock-notices.js';

export interface CheckoutServerDeps {
  config: CheckoutConfig;
  logger: Logger;
  dynamo: DynamoDBDocumentClient;
}

/** Builds the checkout subgraph; it listens (and connects to Redis) only when `start()` is called. */
export function createCheckoutServer({ config, logger, dynamo }: CheckoutServerDeps): SubgraphServer<CheckoutContext> {
  const inventory = createInventoryRepository({ client: dynamo, tableName: config.checkoutTable });
  const stockNotices = createStockNotices({ url: config.redis.url, prefix: config.redis.keyPrefix, logger });
  const server = createSubgraphServer<CheckoutContext>({
    name: 'checkout',
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger,
    config,
    tables: { client: dynamo, names: [config.checkoutTable] },
    extendContext: (base) => ({ ...base, inventory, stockNotices, loaders: createCheckoutLoaders(inventory) }),
  });
  return {
    ...server,
    async start() {
      await stockNotices.start();
      return server.start();
    },
    async stop() {
      await server.stop();
      await stockNotices.stop();
    },
  };
}
