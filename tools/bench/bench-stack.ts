import { seedDemoCatalog } from '@shopgraph/catalog';
import { createInventoryRepository, seedDemoInventory } from '@shopgraph/checkout';
import { createLogger, generateKeys, tableDefinitions } from '@shopgraph/shared';
import { createDocumentClient, ensureTable } from '@shopgraph/shared/dynamo';
import { randomBytes } from 'node:crypto';
import { buildStack } from '../stack/build-stack.js';
import { inProcess } from '../stack/in-process-runner.js';
import { prefixedTables } from '../stack/prepare-data.js';
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
  let calls = 0;
  const counted = createDocumentClient({ region: 'us-east-1', endpoint });
  // Counts every command the catalog sends, whatever its kind.
  counted.middlewareStack.add(
    (next) => async (args) => {
      calls++;
      return next(args);
    },
    { step: 'initialize', name: 'benchCountCommands' },
  );
  const runner = inProcess({
    logger: () => createLogger({ service: 'bench', level: 'warn' }),
    dynamo: (service) => (service === 'catalog' ? counted : createDocumentClient({ region: 'us-east-1', endpoint })),
  });
  let startSeconds = 0;
  const stack = await buildStack({
    // Times the catalog's own start: building its index from the table, then listening.
    runner: {
      ...runner,
      async start(request) {
        const starting = Date.now();
        const started = await runner.start(request);
        if (request.service === 'catalog') startSeconds = (Date.now() - starting) / 1000;
        return started;
      },
    },
    services: ['checkout', 'catalog'],
    dynamodb: { endpoint },
    keys: await generateKeys('bench'),
    redis: { url: redisUrl, keyPrefix: `bench:${run}:` },
    tables: prefixedTables(`bench-${run}-${products}`),
    prepare: async (_, tables) => {
      const admin = createDocumentClient({ region: 'us-east-1', endpoint, requestTimeoutMs: 30_000 });
      await ensureTable(admin, tableDefinitions.catalog, tables.catalog);
      await ensureTable(admin, tableDefinitions.checkout, tables.checkout);
      const seeding = Date.now();
      const summary = await seedDemoCatalog(admin, tables.catalog, products);
      await seedDemoInventory(createInventoryRepository({ client: admin, tableName: tables.checkout }), summary.variantIds);
      log(`seeded ${products} products (${summary.variants} variants) in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);
      admin.destroy();
    },
    env: benchServiceEnv(),
  });
  return { catalogUrl: stack.graphqlUrl('catalog'), dynamoCalls: () => calls, startSeconds, stop: () => stack.stop() };
}
