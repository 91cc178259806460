import { createCatalogRepository, seedDemoCatalog } from '@shopgraph/catalog';
import { createInventoryRepository, seedDemoInventory } from '@shopgraph/checkout';
import { tableDefinitions, type TableKey } from '@shopgraph/shared';
import { createDocumentClient, ensureTable } from '@shopgraph/shared/dynamo';

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

/** Seeds the demo catalog and its stock, unless the catalog already holds products (or `force`). */
export async function seedIfEmpty(endpoint: string, log: Log, { products = 36, force = false } = {}): Promise<void> {
  const client = createDocumentClient({ region: 'us-east-1', endpoint });
  try {
    const catalogTable = tableDefinitions.catalog.defaultName;
    if (!force && !(await createCatalogRepository({ client, tableName: catalogTable }).isEmpty())) return;
    const summary = await seedDemoCatalog(client, catalogTable, products);
    await seedDemoInventory(createInventoryRepository({ client, tableName: tableDefinitions.checkout.defaultName }), summary.variantIds);
    log(`seeded ${summary.products} products, ${summary.variants} variants and their stock, ${summary.categories} categories`);
  } finally {
    client.destroy();
  }
}
