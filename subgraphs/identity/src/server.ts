import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createInternalContextVerifier, type Logger } from '@shopgraph/shared';
import { tableReadinessCheck } from '@shopgraph/shared/dynamo';
import { createSubgraphServer, DateTimeScalar, readSchema, type SubgraphServer } from '@shopgraph/shared/server';
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
    typeDefs: readSchema(new URL('../schema.graphql', import.meta.url)),
    resolvers: { DateTime: DateTimeScalar, ...resolvers },
    verifier: createInternalContextVerifier(config.internalContextPublicKeys),
    logger,
    development: config.development,
    http: config.http,
    readinessChecks: [tableReadinessCheck(dynamo, config.identityTable)],
    extendContext: (base) => base,
    onStop: async () => dynamo.destroy(),
  });
}
