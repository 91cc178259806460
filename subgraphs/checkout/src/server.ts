import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from '@shopgraph/shared';
import { createSubgraphServer, type SubgraphServer } from '@shopgraph/shared/server';
import type { CheckoutConfig } from './config.js';
import { createCheckoutLoaders, type CheckoutContext } from './context.js';
import { resolvers } from './resolvers/index.js';
import { createInventoryRepository } from './store/inventory-repository.js';

export interface CheckoutServerDeps {
  config: CheckoutConfig;
  logger: Logger;
  dynamo: DynamoDBDocumentClient;
}

/** Builds the checkout subgraph; it listens only when `start()` is called. */
export function createCheckoutServer({ config, logger, dynamo }: CheckoutServerDeps): SubgraphServer<CheckoutContext> {
  const inventory = createInventoryRepository({ client: dynamo, tableName: config.checkoutTable });
  return createSubgraphServer<CheckoutContext>({
    name: 'checkout',
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger,
    config,
    tables: { client: dynamo, names: [config.checkoutTable] },
    extendContext: (base) => ({ ...base, loaders: createCheckoutLoaders(inventory) }),
  });
}
