import { envFields, loadConfig, subgraphEnvSchema, tableDefinitions, toSubgraphBaseConfig, type SubgraphBaseConfig } from '@shopgraph/shared';

const schema = subgraphEnvSchema(4001).extend({
  CATALOG_TABLE: envFields.tableName(tableDefinitions.catalog.defaultName),
});

export interface CatalogConfig extends SubgraphBaseConfig {
  catalogTable: string;
}

/** The only reader of the environment in this service. */
export function loadCatalogConfig(env: Record<string, string | undefined>): Readonly<CatalogConfig> {
  const parsed = loadConfig('catalog', schema, env);
  return Object.freeze({ ...toSubgraphBaseConfig(parsed), catalogTable: parsed.CATALOG_TABLE });
}
