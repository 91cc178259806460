import { envFields, internalContextPrivateKeySchema, loadConfig, subgraphEnvSchema, tableDefinitions, toSubgraphBaseConfig, type SubgraphBaseConfig } from '@shopgraph/shared';
import { z } from 'zod';

const schema = subgraphEnvSchema(4001).extend({
  CATALOG_TABLE: envFields.tableName(tableDefinitions.catalog.defaultName),
  REDIS_URL: envFields.redisUrl,
  /** Every Redis key and channel of this deployment starts with it, so deployments can share a Redis. */
  REDIS_KEY_PREFIX: envFields.redisKeyPrefix,
  /** Checkout's subgraph URL; the index reads stock flags from its /internal/stock routes on the same host. */
  CHECKOUT_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4003/graphql'),
  /** Catalog's own Ed25519 private JWK, signing its stock reads at checkout's internal routes. */
  CATALOG_SIGNING_KEY: envFields.json(internalContextPrivateKeySchema),
  CATALOG_INDEX_REFRESH_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  CATALOG_INDEX_RESYNC_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(300_000),
});

export interface CatalogConfig extends SubgraphBaseConfig {
  catalogTable: string;
  redis: { url: string; keyPrefix: string };
  checkoutUrl: string;
  signingKey: z.infer<typeof internalContextPrivateKeySchema>;
  index: {
    /** How often the index is rebuilt while change notices cannot be received (Redis down). */
    refreshIntervalMs: number;
    /** How often it is rebuilt regardless, bounding staleness when a notice is lost silently. */
    resyncIntervalMs: number;
  };
}

/** The only reader of the environment in this service. */
export function loadCatalogConfig(env: Record<string, string | undefined>): Readonly<CatalogConfig> {
  const parsed = loadConfig('catalog', schema, env);
  return Object.freeze({
    ...toSubgraphBaseConfig(parsed),
    catalogTable: parsed.CATALOG_TABLE,
    redis: { url: parsed.REDIS_URL, keyPrefix: parsed.REDIS_KEY_PREFIX },
    checkoutUrl: parsed.CHECKOUT_URL,
    signingKey: parsed.CATALOG_SIGNING_KEY,
    index: { refreshIntervalMs: parsed.CATALOG_INDEX_REFRESH_MS, resyncIntervalMs: parsed.CATALOG_INDEX_RESYNC_MS },
  });
}
