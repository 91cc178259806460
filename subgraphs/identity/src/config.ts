import { z } from 'zod';
import {
  envFields,
  internalContextPrivateKeySchema,
  internalContextPublicKeySetSchema,
  loadConfig,
  sessionKeySetSchema,
  subgraphEnvSchema,
  tableDefinitions,
  toSubgraphBaseConfig,
  type SessionKeySet,
  type SubgraphBaseConfig,
} from '@shopgraph/shared';

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '::1', 'localhost']);

/** What identity and its operator tools (a role change) both read, with the same defaults. */
const storeFields = {
  AWS_REGION: envFields.awsRegion,
  DYNAMODB_ENDPOINT: envFields.dynamodbEndpoint,
  IDENTITY_TABLE: envFields.tableName(tableDefinitions.identity.defaultName).describe('the table of this service'),
  SESSION_LIFETIME_SECONDS: z.coerce.number().int().min(60).max(400 * 24 * 3600).default(30 * 24 * 3600)
    .describe("a signed-in session's absolute lifetime (its token's expiry and its record's TTL)"),
  REDIS_URL: envFields.redisUrl.describe('Redis, for revocations and the sign-in and sign-up limits'),
  REDIS_KEY_PREFIX: envFields.redisKeyPrefix.describe('prefix of every Redis key; must match `REDIS_KEY_PREFIX` at the gateway'),
};

/** Identity's environment, one field per variable; `docs/configuration.md` is generated from it. */
export const identityEnvSchema = subgraphEnvSchema(4004).extend({
  ...storeFields,
  /** Identity issues the tokens the gateway verifies. */
  SESSION_KEYS: envFields.json(sessionKeySetSchema).describe("the gateway's `SESSION_KEYS`, the same JWK set: identity issues the tokens the gateway verifies"),
  /** Must match the gateway's: the record's last-seen time is checked against it when Redis is down. */
  SESSION_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(60).max(400 * 24 * 3600).default(14 * 24 * 3600).describe(
    "must match `SESSION_IDLE_TIMEOUT_SECONDS` at the gateway: a session record's last-seen time is checked against it when Redis is down",
  ),
  REVOCATION_SYNC_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000)
    .describe('how often identity checks that Redis still holds every revocation (and restores them if not)'),
  /**
   * Identity renews the marker every sync while no revocation is pending, so a revocation Redis
   * failed to take is trusted to Redis's answer by other replicas for at most about this long.
   */
  REVOCATION_MARKER_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(120).describe(
    'how long the Redis marker "every revocation is here" lasts unless renewed; at least twice `REVOCATION_SYNC_INTERVAL_MS`',
  ),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(128).default(10).describe('the shortest password a sign-up accepts'),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10).describe('sign-in attempts per account per window'),
  /** Higher, since many shoppers can share one address (an office, a carrier NAT). */
  SIGN_IN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100_000).default(100).describe('sign-in attempts per client address per window'),
  SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900).describe('the window of the sign-in limits'),
  /** Each sign-up costs a password hash and says whether an email has an account. */
  SIGN_UP_MAX_PER_IP: z.coerce.number().int().min(1).max(100_000).default(20).describe('sign-up attempts per client address per window (every attempt counts)'),
  SIGN_UP_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600).describe('the window of the sign-up limit'),
  /** At sign-in identity hands the guest session's cart and orders to the customer. */
  CART_URL: envFields.serviceUrl(4002).describe("cart's base URL, for the guest cart's hand-over at sign-in (`/internal/identity/*`)"),
  CHECKOUT_URL: envFields.serviceUrl(4003).describe("checkout's base URL, for the guest orders' hand-over at sign-in (`/internal/identity/*`)"),
  IDENTITY_SIGNING_KEY: envFields.json(internalContextPrivateKeySchema)
    .describe("identity's own Ed25519 private JWK (with `kid`), signing the hand-over calls to cart and checkout; they hold the public half in `IDENTITY_SIGNING_PUBLIC_KEYS`"),
  /** Checkout asks for a signed-in customer's saved address when an order names one. */
  CHECKOUT_SIGNING_PUBLIC_KEYS: envFields.json(internalContextPublicKeySetSchema)
    .describe("JWK set of checkout's public key(s): only checkout may read a customer's saved address through `/internal/checkout/saved-address`"),
  /** How old a sign-in may be for a password or email change; a stolen cookie alone then cannot make one. */
  REAUTHENTICATION_WINDOW_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(900)
    .describe('a password or email change needs a sign-in (a password checked) at most this many seconds old, else `REAUTHENTICATION_REQUIRED`'),
  /** Each request sends an email: rationed per account (the inbox it fills) and per address (the sender). */
  PASSWORD_RESET_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(3).describe('password reset requests per email address per window'),
  PASSWORD_RESET_MAX_PER_IP: z.coerce.number().int().min(1).max(100_000).default(20).describe('password reset requests per client address per window'),
  PASSWORD_RESET_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600).describe('the window of the password reset limits'),
  VERIFICATION_EMAIL_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(3)
    .describe('verification emails (resent, or for an email change) a customer may ask for per window; the one sign-up sends does not count'),
  VERIFICATION_EMAIL_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600).describe('the window of the verification email limit'),
  /** Links in account emails open the storefront's pages (#/reset-password/TOKEN, #/verify-email/TOKEN). */
  STOREFRONT_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3000')
    .describe('the storefront origin the links in account emails open (`#/reset-password/TOKEN`, `#/verify-email/TOKEN`)'),
  MAIL_FROM: z.string().min(3).max(200).default('shopgraph <no-reply@shopgraph.localhost>').describe('the From of every email identity sends'),
  /** Local development: the SMTP server `npm start` runs. Production: Amazon SES's SMTP endpoint. */
  SMTP_HOST: z.string().min(1).max(253).default('127.0.0.1').describe("the SMTP server identity sends through (`npm start`'s local one; in AWS, SES's `email-smtp.REGION.amazonaws.com`)"),
  SMTP_PORT: z.coerce.number().int().min(1).max(65_535).default(2525).describe('its port (SES: 587 with `SMTP_TLS=starttls`, or 465 with `implicit`)'),
  SMTP_TLS: z.enum(['none', 'starttls', 'implicit']).default('none')
    .describe('`starttls` (required, not opportunistic), `implicit` (TLS from the first byte) or `none` (refused under `NODE_ENV=production` unless `SMTP_HOST` is a loopback address)'),
  SMTP_USERNAME: z.string().min(1).max(256).optional().describe('SMTP user name (SES SMTP credentials); a secret in AWS'),
  SMTP_PASSWORD: z.string().min(1).max(256).optional().describe('SMTP password (SES SMTP credentials); a secret in AWS, never logged'),
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000).describe('how long one email may take to hand to the SMTP server'),
  /** Below the gateway's SUBGRAPH_TIMEOUT_MS: a sign-in waits for the hand-over, then answers PENDING. */
  IDENTITY_PEER_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2_000)
    .describe("how long a sign-in waits for cart and checkout to take the guest's cart and orders; past it the sign-in answers and the hand-over completes on the session's later requests"),
}).refine((env) => env.REVOCATION_MARKER_TTL_SECONDS * 1000 >= 2 * env.REVOCATION_SYNC_INTERVAL_MS, {
  path: ['REVOCATION_MARKER_TTL_SECONDS'],
  message: 'must be at least twice REVOCATION_SYNC_INTERVAL_MS, or the marker lapses between renewals',
}).refine((env) => (env.SMTP_USERNAME === undefined) === (env.SMTP_PASSWORD === undefined), {
  path: ['SMTP_PASSWORD'],
  message: 'SMTP_USERNAME and SMTP_PASSWORD go together: set both or neither',
}).refine((env) => env.NODE_ENV !== 'production' || env.SMTP_TLS !== 'none' || LOOPBACK_HOSTS.has(env.SMTP_HOST), {
  // Reset links are credentials: in production they cross no network in the clear (a relay
  // on the same host, as the compose stack and the production smoke test have, is allowed).
  path: ['SMTP_TLS'],
  message: 'must be starttls or implicit under NODE_ENV=production unless SMTP_HOST is a loopback address',
});

export interface IdentityConfig extends SubgraphBaseConfig {
  identityTable: string;
  sessionKeys: SessionKeySet;
  sessionLifetimeSeconds: number;
  sessionIdleTimeoutSeconds: number;
  redisUrl: string;
  redisKeyPrefix: string;
  passwordMinLength: number;
  revocationSyncIntervalMs: number;
  revocationMarkerTtlSeconds: number;
  signIn: { maxFailures: number; maxFailuresPerIp: number; windowSeconds: number };
  signUp: { maxPerIp: number; windowSeconds: number };
  /** Base URLs (no trailing slash) of the services that take a guest's state at sign-in. */
  peers: { cartUrl: string; checkoutUrl: string; timeoutMs: number };
  signingKey: z.infer<typeof internalContextPrivateKeySchema>;
  checkoutPublicKeys: z.infer<typeof internalContextPublicKeySetSchema>;
  reauthenticationWindowSeconds: number;
  passwordReset: { maxPerAccount: number; maxPerIp: number; windowSeconds: number };
  verificationEmail: { maxPerAccount: number; windowSeconds: number };
  /** Origin (no trailing slash) of the storefront pages account emails link to. */
  storefrontUrl: string;
  mail: MailConfig;
}

/** How identity sends email: one SMTP server (see mail/smtp-mailer.ts). */
export interface MailConfig {
  from: string;
  host: string;
  port: number;
  tls: 'none' | 'starttls' | 'implicit';
  auth?: { username: string; password: string };
  timeoutMs: number;
}

/** The only reader of the environment in this service. */
export function loadIdentityConfig(env: Record<string, string | undefined>): Readonly<IdentityConfig> {
  const parsed = loadConfig('identity', identityEnvSchema, env);
  return Object.freeze({
    ...toSubgraphBaseConfig(parsed),
    identityTable: parsed.IDENTITY_TABLE,
    sessionKeys: parsed.SESSION_KEYS,
    sessionLifetimeSeconds: parsed.SESSION_LIFETIME_SECONDS,
    sessionIdleTimeoutSeconds: parsed.SESSION_IDLE_TIMEOUT_SECONDS,
    redisUrl: parsed.REDIS_URL,
    redisKeyPrefix: parsed.REDIS_KEY_PREFIX,
    passwordMinLength: parsed.PASSWORD_MIN_LENGTH,
    revocationSyncIntervalMs: parsed.REVOCATION_SYNC_INTERVAL_MS,
    revocationMarkerTtlSeconds: parsed.REVOCATION_MARKER_TTL_SECONDS,
    signIn: { maxFailures: parsed.SIGN_IN_MAX_FAILURES, maxFailuresPerIp: parsed.SIGN_IN_MAX_FAILURES_PER_IP, windowSeconds: parsed.SIGN_IN_WINDOW_SECONDS },
    signUp: { maxPerIp: parsed.SIGN_UP_MAX_PER_IP, windowSeconds: parsed.SIGN_UP_WINDOW_SECONDS },
    peers: { cartUrl: parsed.CART_URL, checkoutUrl: parsed.CHECKOUT_URL, timeoutMs: parsed.IDENTITY_PEER_TIMEOUT_MS },
    signingKey: parsed.IDENTITY_SIGNING_KEY,
    checkoutPublicKeys: parsed.CHECKOUT_SIGNING_PUBLIC_KEYS,
    reauthenticationWindowSeconds: parsed.REAUTHENTICATION_WINDOW_SECONDS,
    passwordReset: { maxPerAccount: parsed.PASSWORD_RESET_MAX_PER_ACCOUNT, maxPerIp: parsed.PASSWORD_RESET_MAX_PER_IP, windowSeconds: parsed.PASSWORD_RESET_WINDOW_SECONDS },
    verificationEmail: { maxPerAccount: parsed.VERIFICATION_EMAIL_MAX_PER_ACCOUNT, windowSeconds: parsed.VERIFICATION_EMAIL_WINDOW_SECONDS },
    storefrontUrl: parsed.STOREFRONT_URL.replace(/\/+$/, ''),
    mail: {
      from: parsed.MAIL_FROM,
      host: parsed.SMTP_HOST,
      port: parsed.SMTP_PORT,
      tls: parsed.SMTP_TLS,
      ...(parsed.SMTP_USERNAME && parsed.SMTP_PASSWORD ? { auth: { username: parsed.SMTP_USERNAME, password: parsed.SMTP_PASSWORD } } : {}),
      timeoutMs: parsed.SMTP_TIMEOUT_MS,
    },
  });
}

/** What a tool that changes customers' roles needs: identity's table and Redis, and the session lifetime. */
export interface IdentityStoreConfig {
  dynamodb: { region: string; endpoint?: string | undefined };
  identityTable: string;
  sessionLifetimeSeconds: number;
  redisUrl: string;
  redisKeyPrefix: string;
}

/** Read from the same variables as identity's own, so a tool and the service cannot disagree on a default. */
export function loadIdentityStoreConfig(env: Record<string, string | undefined>): Readonly<IdentityStoreConfig> {
  const parsed = loadConfig('identity', z.object(storeFields), env);
  return Object.freeze({
    dynamodb: { region: parsed.AWS_REGION, endpoint: parsed.DYNAMODB_ENDPOINT },
    identityTable: parsed.IDENTITY_TABLE,
    sessionLifetimeSeconds: parsed.SESSION_LIFETIME_SECONDS,
    redisUrl: parsed.REDIS_URL,
    redisKeyPrefix: parsed.REDIS_KEY_PREFIX,
  });
}
