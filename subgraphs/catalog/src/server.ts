import { createServiceTokenSigner, type Logger } from '@shopgraph/shared';
import { createSubgraphServer, createTelemetry, type SubgraphServer } from '@shopgraph/shared/server';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CatalogConfig } from './config.js';
import { createCatalogLoaders, type CatalogContext } from './context.js';
import { resolvers } from './resolvers/index.js';
import { createCatalogRepository } from './store/catalog-repository.js';
import { createCatalogIndexService } from './sync/catalog-index-service.js';
import { createChangeNotices } from './sync/change-notices.js';
import { createStockFlagsClient } from './peers/stock-flags-client.js';

export interface CatalogServerDeps {
  config: CatalogConfig;
  logger: Logger;
  dynamo: DynamoDBDocumentClient;
}

/**
 * Builds the catalog subgraph; nothing connects until `start()`, which builds the replica's
 * search index from DynamoDB before listening, so the first request already finds it.
 */
export function createCatalogServer({ config, logger, dynamo }: CatalogServerDeps): SubgraphServer<CatalogContext> {
  const catalog = createCatalogRepository({ client: dynamo, tableName: config.catalogTable });
  const telemetry = createTelemetry({ service: 'catalog', config: config.telemetry });
  const [hit, miss] = [{ cache: 'catalog-sort-order', result: 'hit' }, { cache: 'catalog-sort-order', result: 'miss' }];
  const search = createCatalogIndexService({
    repository: catalog,
    stockClient: createStockFlagsClient({ checkoutUrl: config.checkoutUrl, signer: createServiceTokenSigner(config.signingKey, 'catalog') }),
    createNotices: (handlers) => createChangeNotices({ url: config.redis.url, prefix: config.redis.keyPrefix, logger, handlers }),
    logger,
    ...config.index,
    onSortedLookup: (found) => telemetry.metrics.cacheLookups.add(1, found ? hit : miss),
  });
  const server = createSubgraphServer<CatalogContext>({
    name: 'catalog',
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger,
    config,
    tables: { client: dynamo, names: [config.catalogTable] },
    telemetry,
    readinessChecks: [
      {
        name: 'catalog-index',
        critical: true,
        probe: async () => {
          if (!search.ready) throw new Error('the search index is not built yet');
        },
      },
    ],
    extendContext: (base) => ({ ...base, catalog, search, loaders: createCatalogLoaders(catalog, search) }),
    async onStart() {
      try {
        await search.start();
      } catch (error) {
        await search.stop();
        throw error;
      }
    },
    // Before the table client is closed: the index's refreshes use it.
    onStop: () => search.stop(),
  });
  return server;
}
