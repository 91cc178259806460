import {
  envFields,
  internalContextPrivateKeySchema,
  internalContextPublicKeySetSchema,
  loadConfig,
  subgraphEnvSchema,
  tableDefinitions,
  toSubgraphBaseConfig,
  type SubgraphBaseConfig,
} from '@shopgraph/shared';
import { z } from 'zod';

const DAY_SECONDS = 24 * 3600;
const ms = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const schema = subgraphEnvSchema(4003)
  .extend({
    CHECKOUT_TABLE: envFields.tableName(tableDefinitions.checkout.defaultName),
    REDIS_URL: envFields.redisUrl,
    /** Every Redis key and channel of this deployment starts with it, so deployments can share a Redis. */
    REDIS_KEY_PREFIX: envFields.redisKeyPrefix,
    /** Cart's base URL: its /internal/checkout/* routes read and close the shopper's cart. */
    CART_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4002'),
    /** Catalog's subgraph URL, asked for current prices. */
    CATALOG_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4001/graphql'),
    /** Checkout's own Ed25519 private JWK, signing its calls to cart. */
    CHECKOUT_SIGNING_KEY: envFields.json(internalContextPrivateKeySchema),
    /** Catalog's public key(s): only catalog may page through the stock levels. */
    CATALOG_SIGNING_PUBLIC_KEYS: envFields.json(internalContextPublicKeySetSchema),
    INTERNAL_CALL_TIMEOUT_MS: ms(100, 30_000, 2_000),
    /** The payment provider must answer a charge within this, or it counts as a timeout. */
    PAYMENT_TIMEOUT_MS: ms(100, 60_000, 10_000),
    /** An order still PENDING_PAYMENT this long after it was placed is resolved by recovery. */
    ORDER_PENDING_TIMEOUT_MS: ms(1_000, 3_600_000, 120_000),
    /** How often each replica runs the recovery pass (it also runs once at start-up). */
    RECOVERY_INTERVAL_MS: ms(1_000, 3_600_000, 30_000),
    /** How long a placeOrder idempotency key is remembered; at least 24 hours. */
    IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().min(DAY_SECONDS).max(30 * DAY_SECONDS).default(2 * DAY_SECONDS),
  })
  .refine((env) => env.ORDER_PENDING_TIMEOUT_MS >= 3 * env.PAYMENT_TIMEOUT_MS, {
    message: 'ORDER_PENDING_TIMEOUT_MS must be at least 3 x PAYMENT_TIMEOUT_MS, so recovery never races a charge in flight',
    path: ['ORDER_PENDING_TIMEOUT_MS'],
  });

export interface CheckoutConfig extends SubgraphBaseConfig {
  checkoutTable: string;
  /** Where stock changes are announced (pub/sub), for the catalog's search index. */
  redis: { url: string; keyPrefix: string };
  cartUrl: string;
  catalogUrl: string;
  signingKey: z.infer<typeof internalContextPrivateKeySchema>;
  catalogPublicKeys: z.infer<typeof internalContextPublicKeySetSchema>;
  internalCallTimeoutMs: number;
  paymentTimeoutMs: number;
  orderPendingTimeoutMs: number;
  recoveryIntervalMs: number;
  idempotencyTtlSeconds: number;
}

/** The only reader of the environment in this service. */
export function loadCheckoutConfig(env: Record<string, string | undefined>): Readonly<CheckoutConfig> {
  const parsed = loadConfig('checkout', schema, env);
  return Object.freeze({
    ...toSubgraphBaseConfig(parsed),
    checkoutTable: parsed.CHECKOUT_TABLE,
    redis: { url: parsed.REDIS_URL, keyPrefix: parsed.REDIS_KEY_PREFIX },
    cartUrl: parsed.CART_URL.replace(/\/+$/, ''),
    catalogUrl: parsed.CATALOG_URL,
    signingKey: parsed.CHECKOUT_SIGNING_KEY,
    catalogPublicKeys: parsed.CATALOG_SIGNING_PUBLIC_KEYS,
    internalCallTimeoutMs: parsed.INTERNAL_CALL_TIMEOUT_MS,
    paymentTimeoutMs: parsed.PAYMENT_TIMEOUT_MS,
    orderPendingTimeoutMs: parsed.ORDER_PENDING_TIMEOUT_MS,
    recoveryIntervalMs: parsed.RECOVERY_INTERVAL_MS,
    idempotencyTtlSeconds: parsed.IDEMPOTENCY_TTL_SECONDS,
  });
}
