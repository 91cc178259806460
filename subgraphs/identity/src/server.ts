import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from '@shopgraph/shared';
import { createSubgraphServer, type SubgraphServer } from '@shopgraph/shared/server';
import type { IdentityConfig } from './config.js';
import type { IdentityContext } from './context.js';
import { resolvers } from './resolvers/index.js';

export interface IdentityServerDeps {
  config: IdentityConfig;
  logger: Logger;
  dynamo: DynamoDBDocumentClient;
}

/** Builds the identity subgraph; it listens only when `start()` is called. */
export function createIdentityServer({ config, logger, dynamo }: IdentityServerDeps): SubgraphServer<IdentityContext> {
  return createSubgraphServer<IdentityContext>({
    name: 'identity',
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger,
    config,
    tables: { client: dynamo, names: [config.identityTable] },
    extendContext: (base) => base,
  });
}
