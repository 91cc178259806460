import { envFields, loadConfig, subgraphEnvSchema, tableDefinitions, toSubgraphBaseConfig, type SubgraphBaseConfig } from '@shopgraph/shared';

const schema = subgraphEnvSchema(4003).extend({
  CHECKOUT_TABLE: envFields.tableName(tableDefinitions.checkout.defaultName),
});

export interface CheckoutConfig extends SubgraphBaseConfig {
  checkoutTable: string;
}

/** The only reader of the environment in this service. */
export function loadCheckoutConfig(env: Record<string, string | undefined>): Readonly<CheckoutConfig> {
  const parsed = loadConfig('checkout', schema, env);
  return Object.freeze({ ...toSubgraphBaseConfig(parsed), checkoutTable: parsed.CHECKOUT_TABLE });
}
