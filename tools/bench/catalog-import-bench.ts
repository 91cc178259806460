import { demoCatalogRows, importCatalog, seedDemoCatalog } from '@shopgraph/catalog';
import { tableDefinitions } from '@shopgraph/shared';
import { createDocumentClient, ensureTable } from '@shopgraph/shared/dynamo';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCatalogFile, writeCatalogFile } from '../catalog/catalog-file.js';

export interface ImportTiming {
  products: number;
  rows: number;
  seedSeconds: number;
  importSeconds: number;
  /** importSeconds / seedSeconds: under 1 means the import beats the demo seed. */
  ratio: number;
}

/**
 * The demo seed of `products` into one fresh table against `catalog:import` of the same catalog
 * (read from a JSON Lines file, validated, then written) into another, on one DynamoDB Local.
 * The import does more per product: uniqueness items, conditional transactions, a read of
 * the store before writing.
 */
export async function timeImportAgainstSeed({ endpoint, products, log }: { endpoint: string; products: number; log: (message: string) => void }): Promise<ImportTiming> {
  const run = randomBytes(3).toString('hex');
  const client = createDocumentClient({ region: 'us-east-1', endpoint, requestTimeoutMs: 30_000 });
  const folder = await mkdtemp(join(tmpdir(), 'catalog-import-bench-'));
  try {
    const [seeded, imported] = [`bench-${run}-seed-catalog`, `bench-${run}-import-catalog`];
    await ensureTable(client, tableDefinitions.catalog, seeded);
    await ensureTable(client, tableDefinitions.catalog, imported);
    const file = join(folder, 'catalog.jsonl');
    const rows = demoCatalogRows(products);
    await writeCatalogFile(file, rows);

    const seeding = Date.now();
    await seedDemoCatalog(client, seeded, products);
    const seedSeconds = (Date.now() - seeding) / 1000;
    log(`demo seed of ${products} products: ${seedSeconds.toFixed(1)} s`);

    const importing = Date.now();
    const report = await importCatalog({ client, tableName: imported }, await readCatalogFile(file));
    const importSeconds = (Date.now() - importing) / 1000;
    if (report.created !== products) throw new Error(`the import created ${report.created} of ${products} products: ${JSON.stringify(report.problems.slice(0, 3))}`);
    log(`catalog:import of ${products} products (${rows.length} rows): ${importSeconds.toFixed(1)} s`);
    return { products, rows: rows.length, seedSeconds, importSeconds, ratio: importSeconds / seedSeconds };
  } finally {
    await rm(folder, { recursive: true, force: true });
    client.destroy();
  }
}
