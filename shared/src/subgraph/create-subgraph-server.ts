import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { DocumentNode } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { InternalContextVerifier } from '../context/internal-context.js';
import { HEADER_INTERNAL_CONTEXT } from '../headers.js';
import { createErrorMaskingPlugin } from '../graphql/error-masking-plugin.js';
import { createServiceServer, type ReadinessCheck, type ServiceServer } from '../http/service-server.js';
import type { Logger } from '../logger.js';
import type { SubgraphContext } from './subgraph-context.js';

export interface SubgraphServerOptions<TContext extends SubgraphContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  verifier: InternalContextVerifier;
  logger: Logger;
  development: boolean;
  http: { port: number; host: string; keepAliveTimeoutMs: number; shutdownTimeoutMs: number };
  readinessChecks: ReadinessCheck[];
  /** Adds the subgraph's per-request services (repositories, DataLoaders) to the base context. */
  extendContext: (base: SubgraphContext) => TContext;
  onStop?: () => Promise<void>;
}

export interface SubgraphServer<TContext extends SubgraphContext> extends ServiceServer {
  /** For in-process tests: the Apollo server, to call executeOperation with a context. */
  apollo: ApolloServer<TContext>;
  /** Builds the context a request with these headers would get. */
  contextFor(headers: Record<string, string | undefined>): Promise<TContext>;
}

/**
 * One federated subgraph behind the shared HTTP shell. Identity comes only from the gateway's
 * signed internal context; any other header a client sends is ignored.
 */
export function createSubgraphServer<TContext extends SubgraphContext>(
  options: SubgraphServerOptions<TContext>,
): SubgraphServer<TContext> {
  const { logger, verifier } = options;
  const apollo = new ApolloServer<TContext>({
    schema: buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }]),
    introspection: options.development,
    includeStacktraceInErrorResponses: options.development,
    plugins: [
      createErrorMaskingPlugin<TContext>(logger),
      // Traces are for Apollo's hosted reporting, which shopgraph does not use.
      ApolloServerPluginInlineTraceDisabled(),
      ...(options.development ? [] : [ApolloServerPluginLandingPageDisabled()]),
    ],
  });

  async function contextFor(headers: Record<string, string | undefined>): Promise<TContext> {
    const header = headers[HEADER_INTERNAL_CONTEXT];
    const verified = await verifier.verify(header);
    if (header && !verified) logger.warn('refused an internal context that did not verify');
    const requestId = verified?.requestId ?? randomUUID();
    return options.extendContext({
      requestId,
      logger: logger.child({ requestId }),
      ...(verified ? { session: verified.session } : {}),
    });
  }

  const http = createServiceServer({
    logger,
    ...options.http,
    readinessChecks: options.readinessChecks,
    async mount(app) {
      await apollo.start();
      app.use(
        '/graphql',
        express.json({ limit: '1mb' }),
        expressMiddleware(apollo, {
          context: ({ req }) => contextFor(req.headers as Record<string, string | undefined>),
        }),
      );
    },
    async onStop() {
      await apollo.stop();
      await options.onStop?.();
    },
  });

  return { ...http, apollo, contextFor };
}
