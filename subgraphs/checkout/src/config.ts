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
import { checkPaymentEnv, toPaymentConfig, type PaymentConfig } from './payment/payment-config.js';

const DAY_SECONDS = 24 * 3600;
const ms = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

export const checkoutEnvSchema = subgraphEnvSchema(4003)
  .extend({
    CHECKOUT_TABLE: envFields.tableName(tableDefinitions.checkout.defaultName).describe('the table of this service'),
    REDIS_URL: envFields.redisUrl.describe("Redis, for the stock change notices catalog's search index listens to"),
    /** Every Redis key and channel of this deployment starts with it, so deployments can share a Redis. */
    REDIS_KEY_PREFIX: envFields.redisKeyPrefix.describe('prefix of every Redis key and channel of this deployment'),
    /** Cart's base URL: its /internal/checkout/* routes read and close the shopper's cart. */
    CART_URL: envFields.serviceUrl(4002).describe("cart's base URL, for its `/internal/checkout/*` routes"),
    /** Catalog's subgraph URL, asked for current prices. */
    CATALOG_URL: envFields.serviceUrl(4001).describe("catalog's base URL, asked for current prices at `/graphql`"),
    /** Identity's base URL: its /internal/checkout/saved-address route reads a customer's saved address. */
    IDENTITY_URL: envFields.serviceUrl(4004)
      .describe("identity's base URL, for its `/internal/checkout/saved-address` route (an order to a saved address)"),
    /** Checkout's own Ed25519 private JWK, signing its calls to cart and identity. */
    CHECKOUT_SIGNING_KEY: envFields.json(internalContextPrivateKeySchema).describe("checkout's own Ed25519 private JWK (with `kid`), signing its calls to cart and identity"),
    /** Catalog's public key(s): only catalog may page through the stock levels. */
    CATALOG_SIGNING_PUBLIC_KEYS: envFields.json(internalContextPublicKeySetSchema).describe("JWK set of catalog's public key(s): only catalog may read the stock routes"),
    /** Identity's public key(s): only identity may hand a guest's orders to a customer at sign-in. */
    IDENTITY_SIGNING_PUBLIC_KEYS: envFields.json(internalContextPublicKeySetSchema)
      .describe("JWK set of identity's public key(s): only identity may hand a guest's orders to a customer through `/internal/identity/hand-over-guest-orders`"),
    INTERNAL_CALL_TIMEOUT_MS: ms(100, 30_000, 2_000).describe('budget of each call to cart, catalog or identity'),
    /** The payment provider must answer a charge within this, or it counts as a timeout. */
    PAYMENT_TIMEOUT_MS: ms(100, 60_000, 10_000).describe('a charge or lookup the payment provider leaves unanswered this long counts as a timeout'),
    /** An order still PENDING_PAYMENT this long after it was placed is resolved by recovery. */
    ORDER_PENDING_TIMEOUT_MS: ms(1_000, 3_600_000, 120_000).describe('a pending order older than this is resolved by recovery; at least 3 x `PAYMENT_TIMEOUT_MS`'),
    /** How long an unpaid order (waiting for 3-D Secure, say) holds its stock and cart; confirmPayment restarts it. */
    STOCK_HOLD_MS: ms(10_000, 86_400_000, 900_000).describe('how long an unpaid order (waiting for 3-D Secure) holds its stock and cart; `confirmPayment` restarts it; at least `ORDER_PENDING_TIMEOUT_MS`'),
    /** How long an authorised, uncaptured order holds its stock before recovery voids it and cancels the order. */
    AUTHORIZATION_HOLD_MS: ms(60_000, 30 * 86_400_000, 6 * 86_400_000).describe(
      'how long an authorised, uncaptured order holds its stock before recovery voids it; below the card networks’ 7 days'
    ),
    /** How often each replica runs the recovery pass (it also runs once at start-up). */
    RECOVERY_INTERVAL_MS: ms(1_000, 3_600_000, 30_000).describe('how often each replica runs the recovery pass (it also runs once at start-up)'),
    /** How long a placeOrder idempotency key is remembered; at least 24 hours. */
    IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().min(DAY_SECONDS).max(30 * DAY_SECONDS).default(2 * DAY_SECONDS)
      .describe('how long a `placeOrder` idempotency key is remembered; 86400 to 2592000'),
    /** Who takes payments; production refuses `test` unless ALLOW_TEST_PAYMENTS=true (see payment/payment-config.ts). */
    PAYMENT_PROVIDER: z.enum(['test', 'stripe']).default('test').describe('who takes payments: `test` (the built-in test provider, no money moves) or `stripe`'),
    ALLOW_TEST_PAYMENTS: envFields.boolean(false).describe('`true` lets `PAYMENT_PROVIDER=test` run under `NODE_ENV=production` (compose, `smoke:prod`); every order is then free'),
    /** Secrets are checked by shape only; no message echoes one. */
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w{8,}$/, 'must be a Stripe secret or restricted key (sk_… or rk_…)')
      .optional()
      .describe('Stripe API key; required with `PAYMENT_PROVIDER=stripe`'),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_\S{8,}$/, 'must be a Stripe webhook signing secret (whsec_…)')
      .optional()
      .describe('signing secret of the Stripe webhook endpoint that calls `/webhooks/payments`; required with `PAYMENT_PROVIDER=stripe`'),
    TEST_PAYMENTS_WEBHOOK_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters')
      .max(256)
      .optional()
      .describe('HMAC secret of the test provider’s webhooks; unset, each process makes its own'),
    TEST_PAYMENTS_WEBHOOKS: envFields.boolean(true).describe('whether the test provider delivers its webhooks to this checkout'),
    TEST_PAYMENTS_SETTLE_DELAY_MS: ms(0, 600_000, 3_000).describe('how long `tok_test_async` and `tok_test_webhook_twice` stay pending before the test provider settles them'),
  })
  .refine((env) => env.ORDER_PENDING_TIMEOUT_MS >= 3 * env.PAYMENT_TIMEOUT_MS, {
    message: 'ORDER_PENDING_TIMEOUT_MS must be at least 3 x PAYMENT_TIMEOUT_MS, so recovery never races a charge in flight',
    path: ['ORDER_PENDING_TIMEOUT_MS'],
  })
  .refine((env) => env.STOCK_HOLD_MS >= env.ORDER_PENDING_TIMEOUT_MS, {
    message: 'STOCK_HOLD_MS must be at least ORDER_PENDING_TIMEOUT_MS, so a hold never ends before its payment can be known',
    path: ['STOCK_HOLD_MS'],
  })
  .superRefine(checkPaymentEnv);

export interface CheckoutConfig extends SubgraphBaseConfig {
  checkoutTable: string;
  /** Where stock changes are announced (pub/sub), for the catalog's search index. */
  redis: { url: string; keyPrefix: string };
  /** Base URLs (no trailing slash or `/graphql`) of the services checkout calls. */
  cartUrl: string;
  catalogUrl: string;
  identityUrl: string;
  signingKey: z.infer<typeof internalContextPrivateKeySchema>;
  catalogPublicKeys: z.infer<typeof internalContextPublicKeySetSchema>;
  identityPublicKeys: z.infer<typeof internalContextPublicKeySetSchema>;
  internalCallTimeoutMs: number;
  paymentTimeoutMs: number;
  orderPendingTimeoutMs: number;
  recoveryIntervalMs: number;
  stockHoldMs: number;
  authorizationHoldMs: number;
  idempotencyTtlSeconds: number;
  payments: PaymentConfig;
}

/** The only reader of the environment in this service. */
export function loadCheckoutConfig(env: Record<string, string | undefined>): Readonly<CheckoutConfig> {
  const parsed = loadConfig('checkout', checkoutEnvSchema, env);
  return Object.freeze({
    ...toSubgraphBaseConfig(parsed),
    checkoutTable: parsed.CHECKOUT_TABLE,
    redis: { url: parsed.REDIS_URL, keyPrefix: parsed.REDIS_KEY_PREFIX },
    cartUrl: parsed.CART_URL,
    catalogUrl: parsed.CATALOG_URL,
    identityUrl: parsed.IDENTITY_URL,
    signingKey: parsed.CHECKOUT_SIGNING_KEY,
    catalogPublicKeys: parsed.CATALOG_SIGNING_PUBLIC_KEYS,
    identityPublicKeys: parsed.IDENTITY_SIGNING_PUBLIC_KEYS,
    internalCallTimeoutMs: parsed.INTERNAL_CALL_TIMEOUT_MS,
    paymentTimeoutMs: parsed.PAYMENT_TIMEOUT_MS,
    orderPendingTimeoutMs: parsed.ORDER_PENDING_TIMEOUT_MS,
    recoveryIntervalMs: parsed.RECOVERY_INTERVAL_MS,
    stockHoldMs: parsed.STOCK_HOLD_MS,
    authorizationHoldMs: parsed.AUTHORIZATION_HOLD_MS,
    idempotencyTtlSeconds: parsed.IDEMPOTENCY_TTL_SECONDS,
    payments: toPaymentConfig(parsed),
  });
}
