import type { Logger } from '@shopgraph/shared';
import { createSubgraphServer, type SubgraphServer } from '@shopgraph/shared/server';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CatalogConfig } from './config.js';
import { createCatalogLoaders, type CatalogContext } from './context.js';
import { resolvers } from './resolvers/index.js';
import { createCatalogRepository } from './store/catalog-repository.js';

export interface CatalogServerDeps {
  config: CatalogConfig;
  logger: Logger;
  dynamo: DynamoDBDocumentClient;
}

/** Builds the catalog subgraph; it listens only when `start()` is called. */
export function createCatalogServer({ config, logger, dynamo }: CatalogServerDeps): SubgraphServer<CatalogContext> {
  const catalog = createCatalogRepository({ client: dynamo, tableName: config.catalogTable });
  return createSubgraphServer<CatalogContext>({
    name: 'catalog',
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger,
    config,
    tables: { client: dynamo, names: [config.catalogTable] },
    extendContext: (base) => ({ ...base, catalog, loaders: createCatalogLoaders(catalog) }),
  });
}
