import { SERVICE_CALLS, type TableKey } from '@shopgraph/shared';
import { DYNAMODB_ACCESS } from './service-access.js';
import { SERVICE_PORTS, type ServiceName, type Subgraph } from './services.js';

/** Above the ALB's idle timeout (ALB_IDLE_TIMEOUT_SECONDS), so the ALB closes idle connections first. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** The ALB closes a connection idle this long; below every service's keep-alive timeout. */
export const ALB_IDLE_TIMEOUT_SECONDS = 60;
/** How long in-flight requests may take after SIGTERM; well inside the container's stopTimeout. */
export const SHUTDOWN_TIMEOUT_MS = 20_000;
/** CloudFront, then the ALB: the proxies whose X-Forwarded-For entries the gateway trusts. */
export const TRUST_PROXY_HOPS = 2;

/** The secrets a task receives as environment variables, by the variable they fill. */
export type SecretName =
  | 'sessionKeys'
  | 'internalContextPrivateKey'
  | 'checkoutSigningKey'
  | 'catalogSigningKey'
  | 'identitySigningKey'
  | 'stripeSecretKey'
  | 'stripeWebhookSecret'
  | 'smtpUsername'
  | 'smtpPassword'
  | 'redisUrl';

/**
 * Which secret fills which variable, per service. Only the gateway holds the internal
 * context's private key; the gateway and identity hold the session key ring; checkout,
 * catalog and identity each hold only their own signing key (checkout signs its calls to
 * cart, catalog its stock reads at checkout, identity the guest hand-over at sign-in);
 * identity alone holds the SES SMTP credentials; every Redis client gets the URL (it carries
 * the auth token).
 */
export const SERVICE_SECRETS: Record<ServiceName, Readonly<Record<string, SecretName>>> = {
  gateway: { SESSION_KEYS: 'sessionKeys', INTERNAL_CONTEXT_PRIVATE_KEY: 'internalContextPrivateKey', REDIS_URL: 'redisUrl' },
  catalog: { CATALOG_SIGNING_KEY: 'catalogSigningKey', REDIS_URL: 'redisUrl' },
  cart: {},
  checkout: { CHECKOUT_SIGNING_KEY: 'checkoutSigningKey', STRIPE_SECRET_KEY: 'stripeSecretKey', STRIPE_WEBHOOK_SECRET: 'stripeWebhookSecret', REDIS_URL: 'redisUrl' },
  identity: { SESSION_KEYS: 'sessionKeys', IDENTITY_SIGNING_KEY: 'identitySigningKey', REDIS_URL: 'redisUrl', SMTP_USERNAME: 'smtpUsername', SMTP_PASSWORD: 'smtpPassword' },
};

/** The public JWK sets a deployment is configured with: not secrets, each from an SSM parameter. */
export const PUBLIC_KEY_SETS = ['internalContext', 'checkoutSigning', 'catalogSigning', 'identitySigning'] as const;
export type PublicKeySet = (typeof PUBLIC_KEY_SETS)[number];

/**
 * Which public key set fills which variable, per service: every subgraph verifies the
 * gateway's internal context; cart verifies checkout's calls; checkout verifies catalog's
 * stock reads; cart and checkout verify identity's hand-over; identity verifies checkout's
 * saved-address reads. The private halves are the secrets above.
 */
export const SERVICE_PUBLIC_KEYS: Record<ServiceName, Readonly<Record<string, PublicKeySet>>> = {
  gateway: {},
  catalog: { INTERNAL_CONTEXT_PUBLIC_KEYS: 'internalContext' },
  cart: { INTERNAL_CONTEXT_PUBLIC_KEYS: 'internalContext', CHECKOUT_SIGNING_PUBLIC_KEYS: 'checkoutSigning', IDENTITY_SIGNING_PUBLIC_KEYS: 'identitySigning' },
  checkout: { INTERNAL_CONTEXT_PUBLIC_KEYS: 'internalContext', CATALOG_SIGNING_PUBLIC_KEYS: 'catalogSigning', IDENTITY_SIGNING_PUBLIC_KEYS: 'identitySigning' },
  identity: { INTERNAL_CONTEXT_PUBLIC_KEYS: 'internalContext', CHECKOUT_SIGNING_PUBLIC_KEYS: 'checkoutSigning' },
};

/** What the environment is built from: values only the deployment knows. */
export interface DeploymentFacts {
  region: string;
  tableNames: Record<TableKey, string>;
  /** The subgraph's origin inside the cluster (Service Connect), without a path: `http://cart:4002`. */
  subgraphOrigin: (subgraph: Subgraph) => string;
  /** Each public JWK set, from configuration (an SSM parameter each). */
  publicKeys: Record<PublicKeySet, string>;
  /** Identity's account emails: the From (an SES-verified identity) and the origin its links open. */
  mail: { from: string; storefrontUrl: string };
}

/** SES's SMTP endpoint in the deployment's region, with STARTTLS required: what identity sends through. */
function identityMailEnvironment(facts: DeploymentFacts): Record<string, string> {
  return {
    SMTP_HOST: `email-smtp.${facts.region}.amazonaws.com`,
    SMTP_PORT: '587',
    SMTP_TLS: 'starttls',
    MAIL_FROM: facts.mail.from,
    STOREFRONT_URL: facts.mail.storefrontUrl,
  };
}

/**
 * Each service's plain (non-secret) environment. Every variable here is one its config.ts
 * reads; test/service-environment.test.ts parses each with the service's own loader.
 */
export function serviceEnvironment(service: ServiceName, facts: DeploymentFacts): Record<string, string> {
  const common: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    HOST: '0.0.0.0',
    PORT: String(SERVICE_PORTS[service]),
    KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_TIMEOUT_MS),
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
  };
  const redis: Record<string, string> = 'REDIS_URL' in SERVICE_SECRETS[service] ? { REDIS_KEY_PREFIX: 'shopgraph:' } : {};
  const calls = Object.fromEntries(Object.entries(SERVICE_CALLS[service]).map(([variable, call]) => [variable, `${facts.subgraphOrigin(call.subgraph)}${call.path}`]));
  if (service === 'gateway') return { ...common, ...redis, ...calls, TRUST_PROXY_HOPS: String(TRUST_PROXY_HOPS) };
  const tables = Object.fromEntries(DYNAMODB_ACCESS[service].tables.map((table) => [`${table.toUpperCase()}_TABLE`, facts.tableNames[table]]));
  const publicKeys = Object.fromEntries(Object.entries(SERVICE_PUBLIC_KEYS[service]).map(([variable, set]) => [variable, facts.publicKeys[set]]));
  // Real payments: the test provider is refused in production, and AWS is production.
  const payments: Record<string, string> = service === 'checkout' ? { PAYMENT_PROVIDER: 'stripe' } : {};
  const mail: Record<string, string> = service === 'identity' ? identityMailEnvironment(facts) : {};
  return {
    ...common,
    ...redis,
    ...calls,
    ...tables,
    ...publicKeys,
    ...payments,
    ...mail,
    AWS_REGION: facts.region,
  };
}
