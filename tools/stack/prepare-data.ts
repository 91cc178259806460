import { createCatalogRepository, seedDemoCatalog, type DemoCatalogSummary } from '@shopgraph/catalog';
import { createInventoryRepository, seedDemoInventory } from '@shopgraph/checkout';
import { SUBGRAPH_NAMES, tableDefinitions, type SubgraphName, type TableKey } from '@shopgraph/shared';
import { createDocumentClient, ensureTable } from '@shopgraph/shared/dynamo';
import { createProgressBar } from './progress-bar.js';

type Log = (message: string) => void;

/** Creates every table that does not exist yet, under its default name. Idempotent. */
export async function bootstrapTables(endpoint: string, log: Log): Promise<void> {
  const client = createDocumentClient({ region: 'us-east-1', endpoint });
  try {
    for (const key of Object.keys(tableDefinitions) as TableKey[]) {
      const definition = tableDefinitions[key];
      const outcome = await ensureTable(client, definition, definition.defaultName);
      if (outcome === 'created') log(`created table ${definition.defaultName}`);
    }
  } finally {
    client.destroy();
  }
}

/** Where to seed and how much; tables default to their default names. */
export interface SeedCatalogOptions {
  products?: number;
  /** Rewrite every product and its stock even if already seeded. */
  force?: boolean;
  /** Draw a progress bar on stdout. */
  progress?: boolean;
  catalogTable?: string;
  checkoutTable?: string;
}

/**
 * Seeds the deterministic demo catalog and its stock. Idempotent: a marker records how many
 * products are stored, so running it again does nothing, and asking for more writes only the
 * missing ones (product n is the same whatever the total). A catalog not written by the
 * seeder (no marker, not empty) is left alone unless `force`.
 */
export async function seedIfEmpty(endpoint: string, log: Log, options: SeedCatalogOptions = {}): Promise<void> {
  const { products = 36, force = false, progress = false } = options;
  const catalogTable = options.catalogTable ?? tableDefinitions.catalog.defaultName;
  const checkoutTable = options.checkoutTable ?? tableDefinitions.checkout.defaultName;
  // Generous per-request budget: DynamoDB Local slows down under a parallel bulk load.
  const client = createDocumentClient({ region: 'us-east-1', endpoint, requestTimeoutMs: 30_000 });
  try {
    const catalog = createCatalogRepository({ client, tableName: catalogTable });
    const seeded = await catalog.seededProductCount();
    if (!force && (seeded === undefined ? !(await catalog.isEmpty()) : seeded >= products)) return;
    const from = force ? 0 : (seeded ?? 0);
    const started = Date.now();
    const summary = await seedDemoCatalog(client, catalogTable, products, {
      from,
      ...(progress ? { onProgress: createProgressBar('catalog items') } : {}),
    });
    await seedDemoInventory(
      createInventoryRepository({ client, tableName: checkoutTable }),
      summary.variantIds,
      progress ? createProgressBar('stock levels ') : undefined,
    );
    // Written last: a seed cut short is redone from the previous marker on the next run.
    await catalog.recordSeededProductCount(Math.max(products, seeded ?? 0));
    log(`seeded ${summary.products} products, ${summary.variants} variants and their stock, ${summary.categories} categories in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    client.destroy();
  }
}

/** A stack's own tables, `<prefix>-<subgraph>`, beside any other stack's on the same DynamoDB Local. */
export function prefixedTables(prefix: string): Record<SubgraphName, string> {
  return Object.fromEntries(SUBGRAPH_NAMES.map((subgraph) => [subgraph, `${prefix}-${subgraph}`])) as Record<SubgraphName, string>;
}

/**
 * Creates a stack's tables and seeds the demo catalog, with `stockPerVariant` units of every
 * variant (a benchmark measures serving, not sold-out answers) or the demo's own levels.
 */
export async function seedStackTables(
  endpoint: string,
  tables: Record<SubgraphName, string>,
  { products, stockPerVariant }: { products: number; stockPerVariant?: number },
): Promise<DemoCatalogSummary> {
  const client = createDocumentClient({ region: 'us-east-1', endpoint, requestTimeoutMs: 30_000 });
  try {
    for (const subgraph of SUBGRAPH_NAMES) await ensureTable(client, tableDefinitions[subgraph], tables[subgraph]);
    const summary = await seedDemoCatalog(client, tables.catalog, products);
    const inventory = createInventoryRepository({ client, tableName: tables.checkout });
    if (stockPerVariant === undefined) await seedDemoInventory(inventory, summary.variantIds);
    else await inventory.putQuantities(new Map(summary.variantIds.map((id) => [id, stockPerVariant])));
    return summary;
  } finally {
    client.destroy();
  }
}
