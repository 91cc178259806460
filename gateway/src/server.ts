import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import {
  createInternalContextSigner,
  createSessionKeyRing,
  createSessionTokenCodec,
  HEADER_REQUEST_ID,
  type Logger,
} from '@shopgraph/shared';
import {
  connectRedis,
  createErrorMaskingPlugin,
  createRedisClient,
  createServiceServer,
  type ServiceServer,
} from '@shopgraph/shared/server';
import express from 'express';
import { randomUUID } from 'node:crypto';
import type { GatewayConfig } from './config.js';
import { createGatewayContext, type GatewayContext } from './context.js';
import { bodyErrorHandler } from './http-errors.js';
import { SignedContextDataSource } from './propagation/signed-context-data-source.js';
import { resolveSession } from './session/resolve-session.js';
import { sessionCookie } from './session/session-cookie.js';
import { readSupergraph } from './supergraph.js';

export interface GatewayServerDeps {
  config: GatewayConfig;
  logger: Logger;
}

export interface GatewayServer extends ServiceServer {
  apollo: ApolloServer<GatewayContext>;
}

/** Builds the gateway; it listens only when `start()` is called. */
export async function createGatewayServer({ config, logger }: GatewayServerDeps): Promise<GatewayServer> {
  const codec = createSessionTokenCodec(await createSessionKeyRing(config.sessionKeys));
  const signer = await createInternalContextSigner(config.internalContextPrivateKey);
  // Redis carries the losable fast paths (revocation, rate limits); the gateway serves without it.
  const redis = createRedisClient({ url: config.redisUrl, logger });

  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(config.supergraphPath),
    buildService: ({ name, url }) =>
      new SignedContextDataSource({ url: config.subgraphUrls[name as keyof GatewayConfig['subgraphUrls']] ?? url }),
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    introspection: config.development,
    includeStacktraceInErrorResponses: config.development,
    hideSchemaDetailsFromClientErrors: !config.development,
    plugins: [
      createErrorMaskingPlugin<GatewayContext>(logger),
      config.development ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
    ],
  });

  const http = createServiceServer({
    logger,
    ...config.http,
    readinessChecks: [
      { name: 'redis', critical: false, probe: async () => void (await redis.ping()) },
    ],
    async mount(app) {
      await connectRedis(redis, logger);
      await apollo.start();
      app.use(
        '/graphql',
        express.json({ limit: config.maxRequestBodyBytes }),
        bodyErrorHandler(config.maxRequestBodyBytes),
        expressMiddleware(apollo, {
          async context({ req, res }) {
            const requestId = randomUUID();
            res.setHeader(HEADER_REQUEST_ID, requestId);
            const requestLogger = logger.child({ requestId });
            const resolved = await resolveSession(
              { authorization: req.headers.authorization, cookie: req.headers.cookie },
              { codec, lifetimeSeconds: config.sessionLifetimeSeconds, logger: requestLogger },
            );
            if (resolved.newCookieToken) {
              res.append('Set-Cookie', sessionCookie(resolved.newCookieToken, config.sessionLifetimeSeconds));
            }
            return createGatewayContext(
              { requestId, session: resolved.session, transport: resolved.transport, logger: requestLogger },
              signer,
            );
          },
        }),
      );
    },
    async onStop() {
      await apollo.stop();
      redis.disconnect();
    },
  });

  return { ...http, apollo };
}
