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

const DAY_SECONDS = 24 * 3600;
/** Days, fractions allowed (a test may ask for seconds); at most ten years. */
const lifetimeDays = (fallback: number) => z.coerce.number().positive().max(3650).default(fallback);

const schema = subgraphEnvSchema(4002).extend({
  CART_TABLE: envFields.tableName(tableDefinitions.cart.defaultName),
  /** The catalog subgraph, asked directly for variant existence and prices. */
  CATALOG_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4001/graphql'),
  /** The checkout subgraph, asked for the stock of a variant being added. */
  CHECKOUT_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4003/graphql'),
  /** An anonymous session's cart nobody changes for this long is deleted. */
  CART_ANONYMOUS_TTL_DAYS: lifetimeDays(30),
  /** A customer's cart nobody changes for this long is deleted. */
  CART_CUSTOMER_TTL_DAYS: lifetimeDays(90),
  /** How long cart waits for catalog or checkout before giving up on a call. */
  CART_PEER_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2_000),
  /** Checkout's public key(s): only checkout may read and close carts through /internal/checkout/*. */
  CHECKOUT_SIGNING_PUBLIC_KEYS: envFields.json(internalContextPublicKeySetSchema),
});

export interface CartConfig extends SubgraphBaseConfig {
  cartTable: string;
  catalogUrl: string;
  checkoutUrl: string;
  lifetimes: { sessionSeconds: number; customerSeconds: number };
  peerTimeoutMs: number;
  checkoutPublicKeys: z.infer<typeof internalContextPublicKeySetSchema>;
}

/** The only reader of the environment in this service. */
export function loadCartConfig(env: Record<string, string | undefined>): Readonly<CartConfig> {
  const parsed = loadConfig('cart', schema, env);
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
    checkoutPublicKeys: parsed.CHECKOUT_SIGNING_PUBLIC_KEYS,
  });
}
