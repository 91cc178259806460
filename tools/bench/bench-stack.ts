import { createCatalogServer, loadCatalogConfig, seedDemoCatalog } from '@shopgraph/catalog';
import { createCheckoutServer, createInventoryRepository, loadCheckoutConfig, seedDemoInventory } from '@shopgraph/checkout';
import { createLogger, generateKeys, tableDefinitions } from '@shopgraph/shared';
import { createDocumentClient, ensureTable } from '@shopgraph/shared/dynamo';
import { randomBytes } from 'node:crypto';
import { benchServiceEnv } from './bench-env.js';

/** A catalog subgraph (and the checkout it reads stock flags from) over a seeded catalog. */
export interface BenchCatalog {
  catalogUrl: string;
  /** DynamoDB calls the catalog subgraph has made so far. */
  dynamoCalls: () => number;
  /** Seconds the catalog took to build its index and listen. */
  startSeconds: number;
  stop(): Promise<void>;
}

export async function startBenchCatalog({ endpoint, products, redisUrl, log }: { endpoint: string; products: number; redisUrl: string; log: (m: string) => void }): Promise<BenchCatalog> {
  const run = randomBytes(3).toString('hex');
  const names = { catalog: `bench-${run}-${products}-catalog`, checkout: `bench-${run}-${products}-checkout` };
  const admin = createDocumentClient({ region: 'us-east-1', endpoint, requestTimeoutMs: 30_000 });
  await ensureTable(admin, tableDefinitions.catalog, names.catalog);
  await ensureTable(admin, tableDefinitions.checkout, names.checkout);
  const seeding = Date.now();
  const summary = await seedDemoCatalog(admin, names.catalog, products);
  await seedDemoInventory(createInventoryRepository({ client: admin, tableName: names.checkout }), summary.variantIds);
  log(`seeded ${products} products (${summary.variants} variants) in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);
  admin.destroy();

  const keys = await generateKeys('bench');
  const logger = createLogger({ service: 'bench', level: 'warn' });
  const common = benchServiceEnv({ endpoint, keys, redisUrl, run });
  const checkout = createCheckoutServer({
    config: loadCheckoutConfig({
      ...common,
      CHECKOUT_TABLE: names.checkout,
      CHECKOUT_SIGNING_KEY: JSON.stringify(keys.checkoutSigningPrivateKey),
      CATALOG_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.catalogSigningPublicKeys),
      IDENTITY_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.identitySigningPublicKeys),
    }),
    logger,
    dynamo: createDocumentClient({ region: 'us-east-1', endpoint }),
  });
  const checkoutUrl = `${(await checkout.start()).url}/graphql`;

  let calls = 0;
  const dynamo = createDocumentClient({ region: 'us-east-1', endpoint });
  // Counts every command the catalog sends, whatever its kind.
  dynamo.middlewareStack.add(
    (next) => async (args) => {
      calls++;
      return next(args);
    },
    { step: 'initialize', name: 'benchCountCommands' },
  );
  const catalog = createCatalogServer({ config: loadCatalogConfig({ ...common, CATALOG_TABLE: names.catalog, CHECKOUT_URL: checkoutUrl, CATALOG_SIGNING_KEY: JSON.stringify(keys.catalogSigningPrivateKey) }), logger, dynamo });
  const starting = Date.now();
  const catalogUrl = `${(await catalog.start()).url}/graphql`;
  const startSeconds = (Date.now() - starting) / 1000;
  return {
    catalogUrl,
    dynamoCalls: () => calls,
    startSeconds,
    async stop() {
      await catalog.stop();
      await checkout.stop();
    },
  };
}
