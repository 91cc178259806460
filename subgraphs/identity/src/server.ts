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
import { createAddressBook } from './domain/address-book.js';
import { createCredentialChanges } from './domain/credential-changes.js';
import { createEmailVerification } from './domain/email-verification.js';
import { createPasswordReset } from './domain/password-reset.js';
import { createGuestHandOver } from './domain/guest-hand-over.js';
import { createRevocationSync } from './domain/revocation-sync.js';
import { createSessionEnding } from './domain/session-ending.js';
import { scryptPasswordHasher, type PasswordHasher } from './domain/password.js';
import { createSessionService } from './domain/session-service.js';
import { resolvers } from './resolvers/index.js';
import { gatewayRoutes } from './internal/gateway-routes.js';
import { checkoutRoutes } from './internal/checkout-routes.js';
import { accountEmails } from './mail/account-emails.js';
import { createMailOutbox } from './mail/mail-outbox.js';
import type { Mailer } from './mail/mailer.js';
import { createSmtpMailer } from './mail/smtp-mailer.js';
import { createAccountLinks } from './store/account-links.js';
import { createAddressBookRepository } from './store/address-book-repository.js';
import { createPasswordResetLimiter, createVerificationEmailLimiter } from './store/mail-request-limiters.js';
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
  /** How email goes out; SMTP to config.mail unless given. Identity closes it on stop either way. */
  mailer?: Mailer;
}

/** How long stopping waits for emails still being handed to the SMTP server. */
const MAIL_DRAIN_MS = 5_000;

/** Builds the identity subgraph; it connects to Redis and listens only when `start()` is called. */
export async function createIdentityServer({ config, logger, dynamo, passwords = scryptPasswordHasher, redis: suppliedRedis, guestStatePeers, mailer }: IdentityServerDeps): Promise<SubgraphServer<IdentityContext>> {
  const redis = suppliedRedis ?? createRedisClient({ url: config.redisUrl, logger });
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
  const ending = createSessionEnding({ sessions, customerSessions, pending, revocations, lifetimeSeconds: config.sessionLifetimeSeconds });
  const sessionService = createSessionService({
    sessions,
    customerSessions,
    ending,
    codec: createSessionTokenCodec(await createSessionKeyRing(config.sessionKeys)),
    lifetimeSeconds: config.sessionLifetimeSeconds,
    handOverGuest: createGuestHandOver(
      guestStatePeers ?? createGuestStatePeers({ ...config.peers, signer: createServiceTokenSigner(config.signingKey, 'identity') }),
    ),
  });
  const signInLimiter = createSignInLimiter({ redis, keyPrefix: config.redisKeyPrefix, ...config.signIn });
  const outbox = createMailOutbox({ mailer: mailer ?? createSmtpMailer(config.mail), logger: logger.child({ task: 'mail' }) });
  const emails = accountEmails();
  const links = createAccountLinks(table);
  const verificationLimiter = createVerificationEmailLimiter({ redis, keyPrefix: config.redisKeyPrefix, ...config.verificationEmail });
  const emailVerification = createEmailVerification({ customers, links, outbox, emails, limiter: verificationLimiter, storefrontUrl: config.storefrontUrl });
  const accounts = createAccountService({
    customers,
    sessions: sessionService,
    limiter: signInLimiter,
    signUpLimiter: createSignUpLimiter({ redis, keyPrefix: config.redisKeyPrefix, ...config.signUp }),
    passwords,
    minPasswordLength: config.passwordMinLength,
    verification: emailVerification,
  });
  const passwordReset = createPasswordReset({
    customers,
    links,
    limiter: createPasswordResetLimiter({ redis, keyPrefix: config.redisKeyPrefix, ...config.passwordReset }),
    outbox,
    emails,
    passwords,
    ending,
    sessions: sessionService,
    minPasswordLength: config.passwordMinLength,
    storefrontUrl: config.storefrontUrl,
    logger,
  });
  const credentialChanges = createCredentialChanges({
    customers,
    limiter: signInLimiter,
    passwords,
    ending,
    sessions: sessionService,
    verification: emailVerification,
    verificationLimiter,
    outbox,
    emails,
    minPasswordLength: config.passwordMinLength,
    reauthenticationWindowSeconds: config.reauthenticationWindowSeconds,
    logger,
  });
  const addressBook = createAddressBook(createAddressBookRepository(table));
  return createSubgraphServer<IdentityContext>({
    name: 'identity',
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger,
    config,
    tables: { client: dynamo, names: [config.identityTable] },
    telemetry,
    extendContext: (base) => ({
      ...base,
      accounts,
      passwordReset,
      credentialChanges,
      emailVerification,
      addressBook,
      addressBookOf: oncePerRequest((customerId: string) => addressBook.of(customerId)),
      sessionService,
      customers,
      customerSessions,
      sessions,
    }),
    internalRoutes: [
      gatewayRoutes(logger, { idleTimeoutSeconds: config.sessionIdleTimeoutSeconds, lifetimeSeconds: config.sessionLifetimeSeconds }),
      checkoutRoutes({ addressBook, checkoutPublicKeys: config.checkoutPublicKeys, logger }),
    ],
    async onStart() {
      if (!suppliedRedis) await connectRedis(redis, logger);
      revocationSync.start();
    },
    onStop: async () => {
      await revocationSync.stop();
      // Emails in flight read and write the table and Redis: they finish (or give up) first.
      await outbox.stop(MAIL_DRAIN_MS);
      redis.disconnect();
    },
  });
}

/** One answer per key for the life of one request's context. */
function oncePerRequest<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const answers = new Map<string, Promise<T>>();
  return (key) => {
    let answer = answers.get(key);
    if (!answer) answers.set(key, (answer = load(key)));
    return answer;
  };
}
