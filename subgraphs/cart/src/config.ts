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

const schema = subgraphEnvSchema(4002).extend({
  CART_TABLE: envFields.tableName(tableDefinitions.cart.defaultName),
  /** The catalog subgraph, asked directly for variant existence and prices. */
  CATALOG_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4001/graphql'),
  /** Checkout's public key(s): only checkout may read and close carts through /internal/checkout/*. */
  CHECKOUT_SIGNING_PUBLIC_KEYS: envFields.json(internalContextPublicKeySetSchema),
});

export interface CartConfig extends SubgraphBaseConfig {
  cartTable: string;
  catalogUrl: string;
  checkoutPublicKeys: z.infer<typeof internalContextPublicKeySetSchema>;
}

/** The only reader of the environment in this service. */
export function loadCartConfig(env: Record<string, string | undefined>): Readonly<CartConfig> {
  const parsed = loadConfig('cart', schema, env);
  return Object.freeze({
    ...toSubgraphBaseConfig(parsed),
    cartTable: parsed.CART_TABLE,
    catalogUrl: parsed.CATALOG_URL,
    checkoutPublicKeys: parsed.CHECKOUT_SIGNING_PUBLIC_KEYS,
  });
}
