import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { demoCatalogRows, importCatalog, seedDemoCatalog } from '@shopgraph/catalog';
import { tableDefinitions } from '@shopgraph/shared';
import { createDocumentClient, ensureTable } from '@shopgraph/shared/dynamo';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCatalogFile, writeCatalogFile } from '../catalog/catalog-file.js';

/** One round: the seed and the import, each into a fresh table, then the import again. */
export interface ImportRound {
  /** Which of the two ran first in this round: rounds alternate. */
  first: 'seed' | 'import';
  seedSeconds: number;
  importSeconds: number;
  ratio: number;
  /** The same file imported again into the imported table: reads and compares, writes nothing. */
  rerunSeconds: number;
}

export interface ImportTiming {
  products: number;
  rows: number;
  rounds: ImportRound[];
  /** Medians over the rounds. */
  seedSeconds: number;
  importSeconds: number;
  rerunSeconds: number;
  /** The median of the rounds' importSeconds / seedSeconds: under 1 means the import beats the demo seed. */
  ratio: number;
  ratioMin: number;
  ratioMax: number;
}

/** Products of the untimed first seed and import, so neither timed one pays for DynamoDB Local's JIT warm-up. */
const WARM_UP_PRODUCTS = 1_000;

/**
 * The demo seed of `products` into one fresh table against `catalog:import` of the same catalog
 * (read from a JSON Lines file, validated, then written) into another, on one DynamoDB Local,
 * `rounds` times, alternating which goes first. The import does more per product: a read of
 * the store before writing, and conditional transactions that write the product, its variants
 * and its slug and SKU items together (the seed writes the same items in plain batch writes).
 */
export async function timeImportAgainstSeed({ endpoint, products, rounds, log }: { endpoint: string; products: number; rounds: number; log: (message: string) => void }): Promise<ImportTiming> {
  const run = randomBytes(3).toString('hex');
  const client = createDocumentClient({ region: 'us-east-1', endpoint, requestTimeoutMs: 30_000 });
  const folder = await mkdtemp(join(tmpdir(), 'catalog-import-bench-'));
  try {
    const file = join(folder, 'catalog.jsonl');
    const rows = demoCatalogRows(products);
    await writeCatalogFile(file, rows);
    const warmUp = join(folder, 'warm-up.jsonl');
    await writeCatalogFile(warmUp, demoCatalogRows(WARM_UP_PRODUCTS));
    await withTables(client, [`bench-${run}-warm-seed`, `bench-${run}-warm-import`], async ([seeded, imported]) => {
      await seedDemoCatalog(client, seeded, WARM_UP_PRODUCTS);
      await importCatalog({ client, tableName: imported }, await readCatalogFile(warmUp));
    });
    log(`warmed up with a seed and an import of ${WARM_UP_PRODUCTS} products`);

    const timed: ImportRound[] = [];
    for (let round = 0; round < rounds; round++) {
      const first = round % 2 === 0 ? 'seed' : 'import';
      await withTables(client, [`bench-${run}-${round}-seed`, `bench-${run}-${round}-import`], async ([seeded, imported]) => {
        const seed = () => seconds(() => seedDemoCatalog(client, seeded, products));
        const load = () =>
          seconds(async () => {
            const report = await importCatalog({ client, tableName: imported }, await readCatalogFile(file));
            if (report.created !== products) throw new Error(`the import created ${report.created} of ${products} products: ${JSON.stringify(report.problems.slice(0, 3))}`);
          });
        let [seedSeconds, importSeconds] = [0, 0];
        if (first === 'seed') [seedSeconds, importSeconds] = [await seed(), await load()];
        else [importSeconds, seedSeconds] = [await load(), await seed()];
        const rerunSeconds = await seconds(async () => {
          const report = await importCatalog({ client, tableName: imported }, await readCatalogFile(file));
          if (report.unchanged !== products || report.created + report.updated > 0) throw new Error(`the re-run changed something: ${JSON.stringify(report)}`);
        });
        timed.push({ first, seedSeconds, importSeconds, ratio: importSeconds / seedSeconds, rerunSeconds });
        log(`round ${round + 1} of ${rounds} (${first} first): seed ${seedSeconds.toFixed(1)} s, import ${importSeconds.toFixed(1)} s (${(importSeconds / seedSeconds).toFixed(2)}x), re-run ${rerunSeconds.toFixed(1)} s`);
      });
    }
    const ratios = timed.map((round) => round.ratio);
    return {
      products,
      rows: rows.length,
      rounds: timed,
      seedSeconds: median(timed.map((round) => round.seedSeconds)),
      importSeconds: median(timed.map((round) => round.importSeconds)),
      rerunSeconds: median(timed.map((round) => round.rerunSeconds)),
      ratio: median(ratios),
      ratioMin: Math.min(...ratios),
      ratioMax: Math.max(...ratios),
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
    client.destroy();
  }
}

/** Fresh tables for one round, dropped after it so DynamoDB Local's memory stays level across rounds. */
async function withTables(client: DynamoDBDocumentClient, names: [string, string], use: (names: [string, string]) => Promise<void>): Promise<void> {
  await Promise.all(names.map((name) => ensureTable(client, tableDefinitions.catalog, name)));
  try {
    await use(names);
  } finally {
    await Promise.all(names.map((TableName) => client.send(new DeleteTableCommand({ TableName }))));
  }
}

async function seconds(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return (performance.now() - started) / 1000;
}

/** The middle value; the mean of the two middle ones for an even count. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
