import { envFields, internalContextPrivateKeySchema, loadConfig, subgraphEnvSchema, tableDefinitions, toSubgraphBaseConfig, type SubgraphBaseConfig } from '@shopgraph/shared';
import { z } from 'zod';

/** Catalog's environment, one field per variable; `docs/configuration.md` is generated from it. */
export const catalogEnvSchema = subgraphEnvSchema(4001).extend({
  CATALOG_TABLE: envFields.tableName(tableDefinitions.catalog.defaultName).describe('the table of this service'),
  REDIS_URL: envFields.redisUrl.describe("Redis, for the change notices that keep each replica's search index current"),
  /** So deployments can share a Redis. */
  REDIS_KEY_PREFIX: envFields.redisKeyPrefix.describe('prefix of every Redis key and channel of this deployment'),
  CHECKOUT_URL: envFields.serviceUrl(4003).describe("checkout's base URL; the index reads stock flags from its `/internal/stock/*` routes"),
  /** Checkout holds the public half in CATALOG_SIGNING_PUBLIC_KEYS. */
  CATALOG_SIGNING_KEY: envFields
    .json(internalContextPrivateKeySchema)
    .describe("catalog's own Ed25519 private JWK (with `kid`), signing its stock reads at checkout's internal routes"),
  CATALOG_INDEX_REFRESH_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000)
    .describe('how often the search index is rebuilt while Redis is down (change notices cannot arrive)'),
  CATALOG_INDEX_RESYNC_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(300_000)
    .describe('how often the search index is rebuilt regardless, bounding staleness when a notice is lost silently'),
});

export interface CatalogConfig extends SubgraphBaseConfig {
  catalogTable: string;
  redis: { url: string; keyPrefix: string };
  /** Base URL (no trailing slash or `/graphql`) of checkout, for stock flags. */
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
  const parsed = loadConfig('catalog', catalogEnvSchema, env);
  return Object.freeze({
    ...toSubgraphBaseConfig(parsed),
    catalogTable: parsed.CATALOG_TABLE,
    redis: { url: parsed.REDIS_URL, keyPrefix: parsed.REDIS_KEY_PREFIX },
    checkoutUrl: parsed.CHECKOUT_URL,
    signingKey: parsed.CATALOG_SIGNING_KEY,
    index: { refreshIntervalMs: parsed.CATALOG_INDEX_REFRESH_MS, resyncIntervalMs: parsed.CATALOG_INDEX_RESYNC_MS },
  });
}
