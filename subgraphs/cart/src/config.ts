import { z } from 'zod';
import {
  envFields,
  internalContextPublicKeySetSchema,
  loadConfig,
  subgraphEnvSchema,
  tableDefinitions,
  toSubgraphBaseConfig,
  type SubgraphBaseConfig,
} from '@shopgraph/shared';
import { DEFAULT_MAX_REMEMBERED_CHANGES } from './store/change-memory.js';

const DAY_SECONDS = 24 * 3600;
/** Days, fractions allowed (a test may ask for seconds); at most ten years. */
const lifetimeDays = (fallback: number) => z.coerce.number().positive().max(3650).default(fallback);

export const cartEnvSchema = subgraphEnvSchema(4002).extend({
  CART_TABLE: envFields.tableName(tableDefinitions.cart.defaultName).describe('the table of this service'),
  /** The catalog subgraph, asked directly for variant existence and prices. */
  CATALOG_URL: envFields.serviceUrl(4001).describe("catalog's base URL, asked for variant prices at `/graphql`"),
  /** The checkout subgraph, asked for the stock of a variant being added. */
  CHECKOUT_URL: envFields.serviceUrl(4003).describe("checkout's base URL, asked for the stock of a variant being added at `/graphql`"),
  /** An anonymous session's cart nobody changes for this long is deleted. */
  CART_ANONYMOUS_TTL_DAYS: lifetimeDays(30).describe("how long an anonymous session's cart lives after its last change, in days (fractions allowed)"),
  /** A customer's cart nobody changes for this long is deleted. */
  CART_CUSTOMER_TTL_DAYS: lifetimeDays(90).describe("how long a customer's cart lives after its last change, in days (fractions allowed)"),
  /** How long cart waits for catalog or checkout before giving up on a call. */
  CART_PEER_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2_000).describe('how long cart waits for catalog or checkout'),
  /**
   * How many change ids (the memory that makes a retried add land once) a cart keeps at most;
   * past it the oldest are forgotten. Each takes about 50 bytes of the cart's 400 kB item.
   */
  CART_CHANGE_MEMORY_MAX_IDS: z.coerce.number().int().min(1).max(2_000).default(DEFAULT_MAX_REMEMBERED_CHANGES)
    .describe('how many change ids (what makes a retried add land once) a cart keeps at most; past it the oldest are forgotten'),
  /** Checkout's public key(s): only checkout may read and close carts through /internal/checkout/*. */
  CHECKOUT_SIGNING_PUBLIC_KEYS: envFields.json(internalContextPublicKeySetSchema).describe("JWK set of checkout's public key(s): only checkout may read and close carts through `/internal/checkout/*`"),
  /** Identity's public key(s): only identity may hand a guest cart to a customer at sign-in. */
  IDENTITY_SIGNING_PUBLIC_KEYS: envFields.json(internalContextPublicKeySetSchema)
    .describe("JWK set of identity's public key(s): only identity may hand a guest cart to a customer through `/internal/identity/hand-over-guest-cart`"),
});

export interface CartConfig extends SubgraphBaseConfig {
  cartTable: string;
  /** Base URLs (no trailing slash or `/graphql`) of the services cart asks. */
  catalogUrl: string;
  checkoutUrl: string;
  lifetimes: { sessionSeconds: number; customerSeconds: number };
  peerTimeoutMs: number;
  maxRememberedChanges: number;
  checkoutPublicKeys: z.infer<typeof internalContextPublicKeySetSchema>;
  identityPublicKeys: z.infer<typeof internalContextPublicKeySetSchema>;
}

/** The only reader of the environment in this service. */
export function loadCartConfig(env: Record<string, string | undefined>): Readonly<CartConfig> {
  const parsed = loadConfig('cart', cartEnvSchema, env);
  return Object.freeze({
    ...toSubgraphBaseConfig(parsed),
    cartTable: parsed.CART_TABLE,
    catalogUrl: parsed.CATALOG_URL,
    checkoutUrl: parsed.CHECKOUT_URL,
    lifetimes: {
      sessionSeconds: Math.max(1, Math.round(parsed.CART_ANONYMOUS_TTL_DAYS * DAY_SECONDS)),
      customerSeconds: Math.max(1, Math.round(parsed.CART_CUSTOMER_TTL_DAYS * DAY_SECONDS)),
    },
    peerTimeoutMs: parsed.CART_PEER_TIMEOUT_MS,
    maxRememberedChanges: parsed.CART_CHANGE_MEMORY_MAX_IDS,
    checkoutPublicKeys: parsed.CHECKOUT_SIGNING_PUBLIC_KEYS,
    identityPublicKeys: parsed.IDENTITY_SIGNING_PUBLIC_KEYS,
  });
}
