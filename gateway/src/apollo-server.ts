import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { Logger } from '@shopgraph/shared';
import { createErrorMaskingPlugin, createGraphQLTelemetryPlugin, type Telemetry } from '@shopgraph/shared/server';
import { createOperationAdmission } from './admission/operation-admission.js';
import { createStaticCachePolicy } from './cache-policy/static-cache-policy.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { createJsonStatusPlugin } from './json-status-plugin.js';
import { createOperationLimitsCheck } from './limits/operation-limits-check.js';
import { createTokenLimitPlugin, parseOptionsFor } from './limits/token-limit-plugin.js';
import type { Playground } from './playground/playground.js';
import { SignedContextDataSource } from './propagation/signed-context-data-source.js';
import type { SubgraphFetcher } from './propagation/subgraph-fetcher.js';
import { createRequestLifecyclePlugin, type RequestLifecycleDeps } from './request-lifecycle-plugin.js';
import { createResponseCachePlugin } from './response-cache/response-cache-plugin.js';
import { countCacheLookups } from './telemetry/cache-lookups.js';
import { traceSubgraphFetches } from './telemetry/traced-subgraph-fetch.js';
import { createTrustedDocumentsCheck } from './trusted-documents/trusted-documents-check.js';
import type { TrustedDocuments } from './trusted-documents/trusted-documents.js';

export interface GatewayApolloDeps {
  config: GatewayConfig;
  logger: Logger;
  telemetry: Telemetry;
  supergraphSdl: string;
  /** Each subgraph's GraphQL URL (`subgraphUrls` in supergraph.ts). */
  subgraphUrls: ReadonlyMap<string, string>;
  subgraphFetcher: SubgraphFetcher;
  trustedDocuments: TrustedDocuments;
  playground: Playground;
  applySessionChanges: RequestLifecycleDeps['applySessionChanges'];
}

/** Apollo Server over the supergraph, with the gateway's plugins in the order they must run. */
export function createGatewayApollo(deps: GatewayApolloDeps): ApolloServer<GatewayContext> {
  const { config, logger, telemetry, supergraphSdl, trustedDocuments, playground, applySessionChanges } = deps;
  const publicPolicyOf = createStaticCachePolicy(supergraphSdl);
  return new ApolloServer<GatewayContext>({
    gateway: createSupergraphGateway(deps),
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
      createResponseCachePlugin({ limits: config.responseCache, publicPolicyOf, onLookup: countCacheLookups(telemetry.metrics, 'response') }),
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
}

/** The static supergraph, each subgraph reached through a data source that signs its context. */
function createSupergraphGateway({ supergraphSdl, subgraphUrls, subgraphFetcher, telemetry }: GatewayApolloDeps): ApolloGateway {
  // @apollo/gateway otherwise starts an OpenTelemetry exporter that reports usage to Apollo
  // and probes cloud metadata endpoints at start-up. shopgraph sends nothing anywhere it was
  // not told to; the library reads only this variable, hence the write.
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
  return new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SignedContextDataSource({
        name,
        url: subgraphUrls.get(name) ?? (url as string),
        acceptsSessionChanges: name === 'identity',
        mutationsMayPay: name === 'checkout',
        fetcher: traceSubgraphFetches(name, subgraphFetcher, telemetry),
      }),
  });
}
