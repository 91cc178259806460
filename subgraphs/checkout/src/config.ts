import { envFields, loadConfig, subgraphEnvSchema, tableDefinitions, toSubgraphBaseConfig, type SubgraphBaseConfig } from '@shopgraph/shared';

const schema = subgraphEnvSchema(4003).extend({
  CHECKOUT_TABLE: envFields.tableName(tableDefinitions.checkout.defaultName),
  REDIS_URL: envFields.redisUrl,
  /** Every Redis key and channel of this deployment starts with it, so deployments can share a Redis. */
  REDIS_KEY_PREFIX: envFields.redisKeyPrefix,
});

export interface CheckoutConfig extends SubgraphBaseConfig {
  checkoutTable: string;
  /** Where stock changes are announced (pub/sub), for the catalog's search index. */
  redis: { url: string; keyPrefix: string };
}

/** The only reader of the environment in this service. */
export function loadCheckoutConfig(env: Record<string, string | undefined>): Readonly<CheckoutConfig> {
  const parsed = loadConfig('checkout', schema, env);
  return Object.freeze({
    ...toSubgraphBaseConfig(parsed),
    checkoutTable: parsed.CHECKOUT_TABLE,
    redis: { url: parsed.REDIS_URL, keyPrefix: parsed.REDIS_KEY_PREFIX },
  });
}
