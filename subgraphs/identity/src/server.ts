import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Redis } from 'ioredis';
import { createServiceTokenSigner, createSessionKeyRing, createSessionTokenCodec, type Logger } from '@shopgraph/shared';
import {
  connectRedis,
  countRevocationFallbacks,
  createRedisClient,
  createSessionRevocations,
  createSubgraphServer,
  createTelemetry,
  type SubgraphServer,
} from '@shopgraph/shared/server';
import type { IdentityConfig } from './config.js';
import type { IdentityContext } from './context.js';
import { createAccountService } from './domain/account-service.js';
import { createGuestHandOver } from './domain/guest-hand-over.js';
import { createRevocationSync } from './domain/revocation-sync.js';
import { createSessionEnding } from './domain/session-ending.js';
import { scryptPasswordHasher, type PasswordHasher } from './domain/password.js';
import { createSessionService } from './domain/session-service.js';
import { resolvers } from './resolvers/index.js';
import { internalRoutes } from './internal-routes.js';
import { createGuestStatePeers, type GuestStatePeers } from './peers/guest-state-peers.js';
import { createCustomerRepository } from './store/customer-repository.js';
import { createCustomerSessions } from './store/customer-sessions.js';
import { createPendingRevocations } from './store/pending-revocations.js';
import { unexpiredRevocations } from './store/revocation-scan.js';
import { createSessionRepository } from './store/session-repository.js';
import { createSignInLimiter } from './store/sign-in-limiter.js';
import { createSignUpLimiter } from './store/sign-up-limiter.js';

export interface IdentityServerDeps {
  config: IdentityConfig;
  logger: Logger;
  dynamo: DynamoDBDocumentClient;
  /** How passwords are hashed and checked; scrypt unless a test counts the checks. */
  passwords?: PasswordHasher;
  /**
   * A Redis client to use instead of one connected to `config.redisUrl` (a test passes one
   * whose writes it can make fail). Identity disconnects it on stop either way.
   */
  redis?: Redis;
  /** Cart and checkout, for the guest hand-over at sign-in; defaults to their internal routes at config.peers. */
  guestStatePeers?: GuestStatePeers;
}

/** Builds the identity subgraph; it listens only when `start()` is called. */
export async function createIdentityServer({ config, logger, dynamo, passwords = scryptPasswordHasher, redis: suppliedRedis, guestStatePeers }: IdentityServerDeps): Promise<SubgraphServer<IdentityContext>> {
  const redis = suppliedRedis ?? createRedisClient({ url: config.redisUrl, logger });
  if (!suppliedRedis) await connectRedis(redis, logger);
  const table = { client: dynamo, tableName: config.identityTable };
  const customers = createCustomerRepository(table);
  const customerSessions = createCustomerSessions(table);
  const sessions = createSessionRepository(table);
  const pending = createPendingRevocations(table);
  const telemetry = createTelemetry({ service: 'identity', config: config.telemetry });
  const revocations = countRevocationFallbacks(createSessionRevocations({ redis, keyPrefix: config.redisKeyPrefix }), telemetry.metrics);
  const revocationSync = createRevocationSync({
    pending,
    customerSessions,
    unexpired: (now) => unexpiredRevocations(table, now),
    revocations,
    logger,
    intervalMs: config.revocationSyncIntervalMs,
    markerTtlSeconds: config.revocationMarkerTtlSeconds,
  });
  revocationSync.start();
  const sessionService = createSessionService({
    sessions,
    customerSessions,
    ending: createSessionEnding({ sessions, customerSessions, pending, revocations, lifetimeSeconds: config.sessionLifetimeSeconds }),
    codec: createSessionTokenCodec(await createSessionKeyRing(config.sessionKeys)),
    lifetimeSeconds: config.sessionLifetimeSeconds,
    handOverGuest: createGuestHandOver(
      guestStatePeers ?? createGuestStatePeers({ ...config.peers, signer: createServiceTokenSigner(config.signingKey, 'identity') }),
    ),
  });
  const accounts = createAccountService({
    customers,
    sessions: sessionService,
    limiter: createSignInLimiter({ redis, keyPrefix: config.redisKeyPrefix, ...config.signIn }),
    signUpLimiter: createSignUpLimiter({ redis, keyPrefix: config.redisKeyPrefix, ...config.signUp }),
    passwords,
    minPasswordLength: config.passwordMinLength,
  });
  return createSubgraphServer<IdentityContext>({
    name: 'identity',
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger,
    config,
    tables: { client: dynamo, names: [config.identityTable] },
    telemetry,
    extendContext: (base) => ({ ...base, accounts, sessionService, customers, customerSessions, sessions }),
    internalRoutes: [internalRoutes(logger, { idleTimeoutSeconds: config.sessionIdleTimeoutSeconds, lifetimeSeconds: config.sessionLifetimeSeconds })],
    onStop: async () => {
      await revocationSync.stop();
      redis.disconnect();
    },
  });
}
