import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { Logger } from '@shopgraph/shared';
import { connectRedis, createServiceServer, type ServiceServer, type Telemetry } from '@shopgraph/shared/server';
import express, { type Request, type Response } from 'express';
import type { Redis } from 'ioredis';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { corsFor } from './cors.js';
import { bodyErrorHandler } from './http-errors.js';
import type { Playground } from './playground/playground.js';
import type { SubgraphFetcher } from './propagation/subgraph-fetcher.js';
import { documentIdResolver } from './trusted-documents/document-id.js';
import type { TrustedDocuments } from './trusted-documents/trusted-documents.js';

/** Builds each request's context (`createRequestContext` in production). */
export type RequestContextBuilder = (request: { req: Request; res: Response }) => Promise<GatewayContext>;

/** What the HTTP service mounts, starts and stops. */
export interface GatewayHttpParts {
  config: GatewayConfig;
  logger: Logger;
  telemetry: Telemetry;
  redis: Redis;
  apollo: ApolloServer<GatewayContext>;
  subgraphFetcher: SubgraphFetcher;
  trustedDocuments: TrustedDocuments;
  playground: Playground;
}

export interface GatewayServer extends ServiceServer {
  apollo: ApolloServer<GatewayContext>;
}

/**
 * The gateway's HTTP service: `/graphql`, each request's context from `requestContext`. Redis
 * and Apollo start inside `mount`, so that building the server connects nothing (house habit 2).
 */
export function mountGateway(parts: GatewayHttpParts, requestContext: RequestContextBuilder): GatewayServer {
  const { config, logger, telemetry, redis, apollo, subgraphFetcher, trustedDocuments, playground } = parts;
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
