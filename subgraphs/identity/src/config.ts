import { envFields, loadConfig, subgraphEnvSchema, tableDefinitions, toSubgraphBaseConfig, type SubgraphBaseConfig } from '@shopgraph/shared';

const schema = subgraphEnvSchema(4004).extend({
  IDENTITY_TABLE: envFields.tableName(tableDefinitions.identity.defaultName),
});

export interface IdentityConfig extends SubgraphBaseConfig {
  identityTable: string;
}

/** The only reader of the environment in this service. */
export function loadIdentityConfig(env: Record<string, string | undefined>): Readonly<IdentityConfig> {
  const parsed = loadConfig('identity', schema, env);
  return Object.freeze({ ...toSubgraphBaseConfig(parsed), identityTable: parsed.IDENTITY_TABLE });
}
