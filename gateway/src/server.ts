import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { createInternalContextSigner, createSessionKeyRing, createSessionTokenCodec, type Logger } from '@shopgraph/shared';
import {
  connectRedis,
  createErrorMaskingPlugin,
  createInternalClient,
  createRedisClient,
  createServiceServer,
  createGraphQLTelemetryPlugin,
  createSessionRevocations,
  createTelemetry,
  type ServiceServer,
} from '@shopgraph/shared/server';
import express from 'express';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { createOperationAdmission } from './admission/operation-admission.js';
import { corsFor } from './cors.js';
import { bodyErrorHandler } from './http-errors.js';
import { createJsonStatusPlugin } from './json-status-plugin.js';
import { createOperationLimitsCheck } from './limits/operation-limits-check.js';
import { createTokenLimitPlugin, parseOptionsFor } from './limits/token-limit-plugin.js';
import { createPlayground } from './playground/playground.js';
import { createCachedSigner } from './propagation/cached-signer.js';
import { SignedContextDataSource } from './propagation/signed-context-data-source.js';
import { createSubgraphFetcher } from './propagation/subgraph-fetcher.js';
import { createRequestContext } from './request-context.js';
import { createRequestLifecyclePlugin } from './request-lifecycle-plugin.js';
import { createSessionChangeApplier } from './session/apply-session-changes.js';
import { createCachedCodec } from './session/cached-codec.js';
import { createSessionRefresher } from './session/refresh-session.js';
import { createSessionStatus } from './session/session-status.js';
import { createTokenPolicy } from './session/token-policy.js';
import { readSupergraph, subgraphUrls } from './supergraph.js';
// The public response cache (response-cache/) and the static policy that says what it may keep.
import { createStaticCachePolicy } from './cache-policy/static-cache-policy.js';
import { createResponseCachePlugin } from './response-cache/response-cache-plugin.js';
import { countCacheLookups } from './telemetry/cache-lookups.js';
import { countMintedSessions } from './telemetry/counted-session-codec.js';
import { traceSubgraphFetches } from './telemetry/traced-subgraph-fetch.js';
import { documentIdResolver } from './trusted-documents/document-id.js';
import { createTrustedDocumentsCheck } from './trusted-documents/trusted-documents-check.js';
import { loadTrustedDocuments } from './trusted-documents/trusted-documents.js';

export interface GatewayServerDeps {
  config: GatewayConfig;
  logger: Logger;
  /**
   * Replaces how each request's context is built. Only the session benchmark uses it, to
   * measure the gateway with session verification left out; production never sets it.
   */
  requestContextFactory?: typeof createRequestContext;
}

export interface GatewayServer extends ServiceServer {
  apollo: ApolloServer<GatewayContext>;
}

/** Builds the gateway; it listens only when `start()` is called. */
export async function createGatewayServer({ config, logger, requestContextFactory = createRequestContext }: GatewayServerDeps): Promise<GatewayServer> {
  // At the edge: clients are the internet, and may not pick trace ids or force sampling.
  const telemetry = createTelemetry({ service: 'gateway', config: config.telemetry, edge: true });
  const { metrics } = telemetry;
  const codec = countMintedSessions(
    createCachedCodec(createSessionTokenCodec(await createSessionKeyRing(config.sessionKeys)), undefined, countCacheLookups(metrics, 'session-token')),
    metrics,
  );
  // Signs each call the gateway makes for itself (a session check, a hand-over), once per call.
  const perCallSigner = await createInternalContextSigner(config.internalContextPrivateKey);
  // Signs the query plan's fetches: one context per session and subgraph, reused while it is young.
  const fetchContextSigner = createCachedSigner(perCallSigner, undefined, countCacheLookups(metrics, 'internal-context'));
  // Redis carries the losable fast paths (revocation, rate limits); the gateway serves without it.
  const redis = createRedisClient({ url: config.redisUrl, logger });
  const supergraphSdl = readSupergraph(config.supergraphPath);
  const publicPolicyOf = createStaticCachePolicy(supergraphSdl);
  const trustedDocuments = loadTrustedDocuments(config.trustedDocuments.manifestPath);
  logger.info({ mode: config.trustedDocuments.mode, documents: trustedDocuments.size }, 'trusted documents loaded');
  const urls = subgraphUrls(supergraphSdl, config.subgraphUrls);
  const internalUrl = (subgraph: string, path: string) => {
    const base = urls.get(subgraph);
    if (!base) throw new Error(`the supergraph at ${config.supergraphPath} has no ${subgraph} subgraph; is it composed? (npm run compose)`);
    return new URL(`/internal/${path}`, base).toString();
  };

  // @apollo/gateway otherwise starts an OpenTelemetry exporter that reports usage to Apollo
  // and probes cloud metadata endpoints at start-up. shopgraph sends nothing anywhere it was
  // not told to; the library reads only this variable, hence the write.
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
  const subgraphFetcher = createSubgraphFetcher(config.subgraphFetch);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SignedContextDataSource({
        name,
        url: urls.get(name) ?? (url as string),
        acceptsSessionChanges: name === 'identity',
        mutationsMayPay: name === 'checkout',
        fetcher: traceSubgraphFetches(name, subgraphFetcher, telemetry),
      }),
  });
  const identitySeenUrl = internalUrl('identity', 'session-seen');
  // One client per peer service, each with its deadline from the configuration.
  const identity = createInternalClient({ service: 'identity', timeoutMs: config.peerTimeouts.identityMs });
  const tokenPolicy = createTokenPolicy({
    codec,
    idleTimeoutSeconds: config.sessionIdleTimeoutSeconds,
    refreshAfterSeconds: config.sessionRefreshAfterSeconds,
  });
  const sessionStatus = createSessionStatus({
    identity,
    revocations: createSessionRevocations({ redis, keyPrefix: config.redisKeyPrefix }),
    signer: perCallSigner,
    identityStatusUrl: internalUrl('identity', 'session-status'),
    activeCacheMs: config.sessionActiveCacheMs,
    onRedisFallback: (answeredBy) => metrics.redisFallbacks.add(1, { path: 'session-status', answered_by: answeredBy }),
  });
  const applySessionChanges = createSessionChangeApplier({
    identity,
    identitySeenUrl,
    forgetSessions: (sessionIds) => sessionStatus.forget(sessionIds),
    lifetimeSeconds: config.sessionLifetimeSeconds,
  });

  const playground = createPlayground({ choice: config.playground, manifestPath: config.trustedDocuments.manifestPath });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    introspection: config.development,
    includeStacktraceInErrorResponses: config.development,
    hideSchemaDetailsFromClientErrors: !config.development,
    parseOptions: parseOptionsFor(config.operationLimits),
    // Automatic persisted queries would let any client store any document; trusted documents
    // (below) are the allow-list, and APQ's cache would be per replica anyway.
    persistedQueries: false,
    // The service shell owns SIGTERM: it drains HTTP first, then stops Apollo. Apollo's own
    // handler (on by default outside NODE_ENV=test) would stop it under in-flight requests.
    stopOnTerminationSignals: false,
    plugins: [
      createErrorMaskingPlugin<GatewayContext>(logger),
      createGraphQLTelemetryPlugin<GatewayContext>(telemetry),
      createTokenLimitPlugin<GatewayContext>(config.operationLimits),
      createJsonStatusPlugin<GatewayContext>(),
      // Its lookup runs after every didResolveOperation: once admitted and the session established.
      createResponseCachePlugin({ limits: config.responseCache, publicPolicyOf, onLookup: countCacheLookups(metrics, 'response') }),
      createRequestLifecyclePlugin({
        admit: createOperationAdmission([
          // Trusted documents first: in enforce mode an unknown document is refused for that, whatever its size.
          createTrustedDocumentsCheck(trustedDocuments, config.trustedDocuments.mode),
          createOperationLimitsCheck(config.operationLimits),
        ]),
        publicPolicyOf,
        applySessionChanges,
      }),
      playground.plugin,
    ],
  });

  const requestContext = requestContextFactory({
    codec,
    tokenPolicy,
    signer: fetchContextSigner,
    sessionStatus,
    refresh: createSessionRefresher({
      codec,
      signer: perCallSigner,
      identity,
      refreshAfterSeconds: config.sessionRefreshAfterSeconds,
      identitySeenUrl,
    }),
    lifetimeSeconds: config.sessionLifetimeSeconds,
    logger,
  });

  let apolloStarted = false;
  const http = createServiceServer({
    logger,
    ...config.http,
    telemetry,
    readinessChecks: [{ name: 'redis', critical: false, probe: async () => void (await redis.ping()) }],
    async mount(app) {
      // Behind CloudFront and the ALB, the client's address is this many hops back in X-Forwarded-For.
      app.set('trust proxy', config.trustProxyHops);
      playground.mount(app);
      await connectRedis(redis, logger);
      await apollo.start();
      apolloStarted = true;
      app.use(
        '/graphql',
        // First, so a preflight is answered before any body is read.
        corsFor(config.cors),
        express.json({ limit: config.maxRequestBodyBytes }),
        bodyErrorHandler(config.maxRequestBodyBytes),
        documentIdResolver(trustedDocuments),
        expressMiddleware(apollo, { context: requestContext }),
      );
    },
    async onStop() {
      // Apollo refuses stop() after a start that failed (a broken supergraph, say).
      if (apolloStarted) await apollo.stop();
      await subgraphFetcher.close();
      redis.disconnect();
    },
  });

  return { ...http, apollo };
}
