import type { Logger } from '@shopgraph/shared';
import { createRedisClient, createTelemetry } from '@shopgraph/shared/server';
import { createGatewayApollo } from './apollo-server.js';
import type { GatewayConfig } from './config.js';
import { mountGateway, type GatewayHttpParts, type GatewayServer } from './http-mount.js';
import { createPlayground } from './playground/playground.js';
import { createSubgraphFetcher } from './propagation/subgraph-fetcher.js';
import { createRequestContext, type RequestContextDeps } from './request-context.js';
import { createSessionParts } from './session-parts.js';
import { internalRouteUrls, readSupergraph, subgraphUrls } from './supergraph.js';
import { loadTrustedDocuments } from './trusted-documents/trusted-documents.js';

export type { GatewayServer } from './http-mount.js';

export interface GatewayServerDeps {
  config: GatewayConfig;
  logger: Logger;
}

/** Every part of the gateway, built and not started; `mountGateway` serves them. */
export interface GatewayParts extends GatewayHttpParts {
  /** What each request's context is built from (`createRequestContext`). */
  requestContextDeps: RequestContextDeps;
}

/** Builds the gateway; it listens only when `start()` is called. */
export async function createGatewayServer(deps: GatewayServerDeps): Promise<GatewayServer> {
  const parts = await createGatewayParts(deps);
  return mountGateway(parts, createRequestContext(parts.requestContextDeps));
}

/**
 * Builds every part of the gateway; nothing connects until the server starts. Separate from
 * `createGatewayServer` so that a benchmark can serve the very same parts with a request
 * context of its own, and production code carries no option for it.
 */
export async function createGatewayParts({ config, logger }: GatewayServerDeps): Promise<GatewayParts> {
  // At the edge: clients are the internet, and may not pick trace ids or force sampling.
  const telemetry = createTelemetry({ service: 'gateway', config: config.telemetry, edge: true });
  // Redis carries the losable fast paths (revocation, rate limits); the gateway serves without it.
  const redis = createRedisClient({ url: config.redisUrl, logger });
  const supergraphSdl = readSupergraph(config.supergraphPath);
  const urls = subgraphUrls(supergraphSdl, config.subgraphUrls);
  const trustedDocuments = loadTrustedDocuments(config.trustedDocuments.manifestPath);
  logger.info({ mode: config.trustedDocuments.mode, documents: trustedDocuments.size }, 'trusted documents loaded');
  const session = await createSessionParts({ config, metrics: telemetry.metrics, redis, internalUrl: internalRouteUrls(urls, config.supergraphPath) });
  const subgraphFetcher = createSubgraphFetcher(config.subgraphFetch);
  const playground = createPlayground({ choice: config.playground, manifestPath: config.trustedDocuments.manifestPath });
  const apollo = createGatewayApollo({
    config,
    logger,
    telemetry,
    supergraphSdl,
    subgraphUrls: urls,
    subgraphFetcher,
    trustedDocuments,
    playground,
    applySessionChanges: session.applySessionChanges,
  });
  const { codec, tokenPolicy, sessionStatus, refresh, fetchSigner } = session;
  return {
    config,
    logger,
    telemetry,
    redis,
    apollo,
    subgraphFetcher,
    trustedDocuments,
    playground,
    requestContextDeps: { codec, tokenPolicy, signer: fetchSigner, sessionStatus, refresh, lifetimeSeconds: config.sessionLifetimeSeconds, logger },
  };
}
