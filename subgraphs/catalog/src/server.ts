import { createInternalContextVerifier, type Logger } from '@shopgraph/shared';
import { tableReadinessCheck } from '@shopgraph/shared/dynamo';
import { createSubgraphServer, DateTimeScalar, readSchema, type SubgraphServer } from '@shopgraph/shared/server';
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
    typeDefs: readSchema(new URL('../schema.graphql', import.meta.url)),
    resolvers: { DateTime: DateTimeScalar, ...resolvers },
    verifier: createInternalContextVerifier(config.internalContextPublicKeys),
    logger,
    development: config.development,
    http: config.http,
    readinessChecks: [tableReadinessCheck(dynamo, config.catalogTable)],
    extendContext: (base) => ({ ...base, catalog, loaders: createCatalogLoaders(catalog) }),
    onStop: async () => dynamo.destroy(),
  });
}
