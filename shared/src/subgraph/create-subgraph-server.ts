import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { expressMiddleware } from '@as-integrations/express5';
import express, { Router, type Express } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Kind } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { SubgraphBaseConfig } from '../config/subgraph-env.js';
import { createInternalContextVerifier } from '../context/internal-context.js';
import { tableReadinessCheck } from '../dynamo/table-readiness.js';
import { HEADER_IDEMPOTENCY_KEY, HEADER_INTERNAL_CONTEXT, HEADER_REQUEST_ID, IDEMPOTENCY_KEY_PATTERN } from '../headers.js';
import { DateTimeScalar } from '../graphql/date-time-scalar.js';
import { createErrorMaskingPlugin } from '../graphql/error-masking-plugin.js';
import { readSchema } from '../graphql/read-schema.js';
import { createServiceServer, type ReadinessCheck, type ServiceServer } from '../http/service-server.js';
import type { Logger } from '../logger.js';
import { instrumentDocumentClient } from '../telemetry/dynamo-telemetry.js';
import { createGraphQLTelemetryPlugin } from '../telemetry/graphql-telemetry-plugin.js';
import { createTelemetry, type Telemetry } from '../telemetry/telemetry.js';
import type { SubgraphContext } from './subgraph-context.js';

export interface SubgraphServerOptions<TContext extends SubgraphContext> {
  name: string;
  /** The subgraph's schema.graphql. A `DateTime` scalar it declares gets the shared implementation. */
  schemaUrl: URL;
  /**
   * The subgraph's resolver map, typed where it is written by the subgraph's generated resolver
   * types (src/generated/resolver-types.ts). Those type `__resolveReference` as federation calls
   * it (reference, context, info), which @apollo/subgraph's GraphQLResolverMap cannot express, so
   * any object is taken here and handed to buildSubgraphSchema as its own type.
   */
  resolvers: object;
  logger: Logger;
  config: SubgraphBaseConfig;
  /** The service's own tables: /ready probes them, and the client is closed on stop. */
  tables: { client: DynamoDBDocumentClient; names: string[] };
  /** Adds the subgraph's per-request services (repositories, DataLoaders) to the base context. */
  extendContext: (base: SubgraphContext) => TContext;
  /** Dependencies besides the tables. */
  readinessChecks?: ReadinessCheck[];
  /**
   * Route installers for other services' calls (not part of the graph), mounted under
   * /internal in this order. A route authenticates with the gateway's signed internal context,
   * through `contextFor`, or with the calling service's own token (see serviceRoute).
   */
  internalRoutes?: readonly InternalRouteInstaller<TContext>[];
  /**
   * Public routes outside the graph (a payment provider's webhooks), mounted on the app as
   * they are: no body parser runs before them, so a route that verifies a signature over the
   * raw body reads it itself.
   */
  publicRoutes?: (app: Express) => void;
  /**
   * Opens what the subgraph needs before it may serve (a Redis connection, a search index
   * built from the table). Nothing connects before start(): building a server does no I/O.
   */
  onStart?: () => Promise<void>;
  /** Begins the subgraph's background work (a recovery loop) once it listens at `url`. */
  onListening?: (url: string) => void | Promise<void>;
  /**
   * Stops background work and closes what `onStart` opened; runs once no request is in flight,
   * before the table client is closed.
   */
  onStop?: () => Promise<void>;
  /** The subgraph's traces and metrics, when it records some of its own; otherwise built from `config.telemetry`. */
  telemetry?: Telemetry;
}

/** Installs some of a subgraph's /internal routes on `router`. */
export type InternalRouteInstaller<TContext extends SubgraphContext> = (router: Router, contextFor: (headers: IncomingHttpHeaders) => Promise<TContext>) => void;

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
  const { logger, config, tables } = options;
  const telemetry = options.telemetry ?? createTelemetry({ service: options.name, config: config.telemetry });
  instrumentDocumentClient(tables.client, telemetry);
  // Only contexts signed for this subgraph: one captured by another is worthless here.
  const verifier = createInternalContextVerifier(config.internalContextPublicKeys, { audience: options.name });
  const typeDefs = readSchema(options.schemaUrl);
  const declaresDateTime = typeDefs.definitions.some(
    (definition) => definition.kind === Kind.SCALAR_TYPE_DEFINITION && definition.name.value === 'DateTime',
  );
  const resolvers = { ...(declaresDateTime ? { DateTime: DateTimeScalar } : {}), ...options.resolvers };
  const apollo = new ApolloServer<TContext>({
    schema: buildSubgraphSchema([{ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }]),
    introspection: config.development,
    includeStacktraceInErrorResponses: config.development,
    // The service shell owns SIGTERM: it drains HTTP first, then stops Apollo. Apollo's own
    // handler (on by default outside NODE_ENV=test) would stop it under in-flight requests.
    stopOnTerminationSignals: false,
    plugins: [
      createErrorMaskingPlugin<TContext>(logger),
      // After the masking, so errors are counted by the codes the gateway receives.
      createGraphQLTelemetryPlugin<TContext>(telemetry),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ response, contextValue }) {
              for (const [name, value] of contextValue.responseHeaders) response.http.headers.set(name, value);
            },
          };
        },
      },
      // Traces are for Apollo's hosted reporting, which shopgraph does not use.
      ApolloServerPluginInlineTraceDisabled(),
      ...(config.development ? [] : [ApolloServerPluginLandingPageDisabled()]),
    ],
  });

  async function contextFor(headers: Record<string, string | undefined>): Promise<TContext> {
    const header = headers[HEADER_INTERNAL_CONTEXT];
    const verified = await verifier.verify(header);
    if (header && !verified) logger.warn('refused an internal context that did not verify');
    const requestId = verified?.requestId ?? requestIdFrom(headers[HEADER_REQUEST_ID]) ?? randomUUID();
    const idempotencyKey = headers[HEADER_IDEMPOTENCY_KEY];
    return options.extendContext({
      requestId,
      logger: logger.child({ requestId }),
      responseHeaders: new Map(),
      ...(verified ? { session: verified.session } : {}),
      ...(verified?.clientIp ? { clientIp: verified.clientIp } : {}),
      ...(verified?.userAgent ? { userAgent: verified.userAgent } : {}),
      // Unsigned on purpose: it can only keep the verified session's own change from repeating.
      ...(idempotencyKey && IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey) ? { idempotencyKey } : {}),
    });
  }

  let apolloStarted = false;
  const http = createServiceServer({
    logger,
    ...config.http,
    telemetry,
    readinessChecks: [...tables.names.map((name) => tableReadinessCheck(tables.client, name)), ...(options.readinessChecks ?? [])],
    async mount(app) {
      await apollo.start();
      apolloStarted = true;
      options.publicRoutes?.(app);
      if (options.internalRoutes?.length) {
        const router = Router();
        router.use(express.json({ limit: '16kb' }));
        for (const install of options.internalRoutes) install(router, (headers) => contextFor(headers as Record<string, string | undefined>));
        app.use('/internal', router);
      }
      app.use(
        '/graphql',
        express.json({ limit: '1mb' }),
        expressMiddleware(apollo, {
          context: ({ req }) => contextFor(req.headers as Record<string, string | undefined>),
        }),
      );
    },
    async onStop() {
      // Apollo refuses stop() after a start that failed (a broken supergraph, say).
      if (apolloStarted) await apollo.stop();
      await options.onStop?.();
      tables.client.destroy();
    },
  });

  return {
    ...http,
    apollo,
    contextFor,
    async start() {
      await options.onStart?.();
      let started: Awaited<ReturnType<typeof http.start>>;
      try {
        started = await http.start();
      } catch (error) {
        // Closes what onStart opened (the port was taken, say), so a failed start leaks nothing.
        await http.stop().catch(() => undefined);
        throw error;
      }
      await options.onListening?.(started.url);
      return started;
    },
  };
}

/** The gateway's request id, when it looks like one: it only labels log lines. */
function requestIdFrom(header: string | undefined): string | undefined {
  return header && /^[\w-]{8,64}$/.test(header) ? header : undefined;
}
