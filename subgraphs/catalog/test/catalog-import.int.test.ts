import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestTables, type TestTables } from '../../../test/support/dynamo.js';
import { writeCatalogFile } from '../../../tools/catalog/catalog-file.js';
import { parseCsv } from '../../../tools/catalog/csv.js';
import { runImport } from '../../../tools/catalog/run-import.js';
import { createLogger } from '@shopgraph/shared';
import { exportCatalog } from '../src/transfer/export-catalog.js';
import type { CatalogRow } from '../src/transfer/catalog-row.js';
import { demoCatalogRows } from '../src/seed/demo-catalog-rows.js';
import { adminClient } from './support/admin-client.js';
import { startCatalogHarness, type CatalogHarness } from './support/catalog-harness.js';
import { eventually } from '../../../test/support/eventually.js';

const PRODUCTS = 300;

describe('catalog:import and catalog:export', () => {
  let harness: CatalogHarness;
  let admin: ReturnType<typeof adminClient>;
  let replicaA: string;
  let replicaB: string;
  let folder: string;
  const log: string[] = [];
  beforeAll(async () => {
    harness = await startCatalogHarness('catalog-import');
    admin = adminClient(harness);
    [replicaA, replicaB] = [await harness.startCatalog(), await harness.startCatalog()];
    folder = await mkdtemp(join(tmpdir(), 'catalog-import-'));
  });
  afterAll(async () => {
    await harness?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const target = () => ({
    client: harness.tables.client,
    tableName: harness.tables.names.catalog,
    redis: { url: inject('redisUrl'), prefix: harness.redisPrefix },
    logger: createLogger({ service: 'test', level: 'silent' }),
  });
  const run = (file: string, skipBad: boolean) => runImport({ file, skipBad, reportPath: `${file}.bad.csv`, target: target(), log: (message) => log.push(message) });

  it('when a file has 3 bad rows, then exactly those are reported and nothing is written; with --skip-bad the rest is loaded and every replica finds it', async () => {
    const rows = demoCatalogRows(PRODUCTS);
    // Line numbers are 1-based: row i is on line i + 1 of a JSON Lines file.
    const singleVariant = rows.findIndex((row, index) => index > 10 && rows.filter((other) => other.slug === row.slug).length === 1);
    rows[5] = { ...rows[5]!, price: -5 };
    rows[8] = { ...rows[8]!, sku: rows[2]!.sku };
    rows[singleVariant] = { ...rows[singleVariant]!, categories: ['home/boots'] };
    const file = join(folder, 'demo.jsonl');
    await writeCatalogFile(file, rows);

    const refused = await run(file, false);
    expect(refused.written).toBe(false);
    expect(refused.problems.map(({ line, field }) => ({ line, field }))).toEqual([
      { line: 6, field: 'price' },
      { line: 9, field: 'sku' },
      { line: singleVariant + 1, field: 'categories' },
    ]);
    const report = parseCsv(await readFile(`${file}.bad.csv`, 'utf8')).records.map((record) => record.cells);
    expect(report.map(([line]) => line)).toEqual(['line', '6', '9', String(singleVariant + 1)]);
    expect(await admin.productBySlug(replicaA, rows[0]!.slug)).toBeNull();

    const loaded = await run(file, true);
    expect(loaded).toMatchObject({ written: true, created: PRODUCTS - 1, updated: 0 });
    expect(loaded.categoriesCreated).toBeGreaterThan(0);
    const last = rows.at(-1)!;
    for (const url of [replicaA, replicaB]) {
      await eventually(async () => {
        const { body } = await harness.request<{ products: { totalCount: number } }>(url, '{ products(first: 1) { totalCount } }');
        expect(body.data!.products.totalCount).toBe(9 + PRODUCTS - 1);
        // teapots did not exist: created under home/kitchen, as its path says.
        const teapots = await admin.search(url, { categorySlug: 'teapots' });
        expect(teapots).not.toEqual([]);
        expect(await admin.search(url, { categorySlug: 'kitchen' })).toEqual(expect.arrayContaining(teapots));
      });
    }
    expect(await admin.productBySlug(replicaB, last.slug)).toMatchObject({ title: last.title });

    // Idempotent per SKU: the same file again writes nothing.
    const again = await run(file, true);
    expect(again).toMatchObject({ written: true, created: 0, updated: 0, unchanged: PRODUCTS - 1 });
  });

  it('when an imported row changes a title and a price, then only that product is updated, on every replica', async () => {
    const rows = (await exportCatalog({ client: harness.tables.client, tableName: harness.tables.names.catalog })).filter((row) => row.slug.endsWith('-7'));
    const file = join(folder, 'edit.csv');
    await writeCatalogFile(file, rows.map((row, index) => ({ ...row, title: 'Quilted Tea Cosy', price: index === 0 ? 1 : row.price })));
    const result = await run(file, false);
    expect(result).toMatchObject({ written: true, created: 0, updated: 1, problems: [] });
    for (const url of [replicaA, replicaB]) await eventually(async () => expect((await admin.search(url, { query: 'quilted cosy' })).length).toBe(1));
  });

  it('when a row names a SKU of another product, then that row is refused', async () => {
    const file = join(folder, 'stolen.jsonl');
    const [row] = demoCatalogRows(PRODUCTS);
    await writeCatalogFile(file, [{ ...row!, slug: 'another-product', sku: 'FX-p01-1' }]);
    const result = await run(file, false);
    expect(result.problems).toEqual([expect.objectContaining({ line: 1, field: 'sku', why: expect.stringContaining('another product') as string })]);
  });

  it.each(['csv', 'jsonl'])('when the catalog is exported as %s, imported into an empty table and exported again, then the file comes back byte for byte', async (format) => {
    const tricky: CatalogRow = {
      slug: 'tricky-quote-kettle',
      title: 'The "Tricky", Kettle',
      description: 'Line one, with a comma.\nLine two: "quoted".\r\nLine three.',
      images: [{ url: 'https://images.example/a.jpg?size=1,2', altText: 'Alt, with "quotes" and  spaces' }, { url: 'https://images.example/b.jpg' }],
      categories: ['home/kitchen/kettles', 'home'],
      sku: 'TRICKY.1_a',
      variantTitle: 'Size = large',
      options: [{ name: 'Size', value: 'a=b' }, { name: 'Finish', value: ' matte' }],
      price: 0,
    };
    const seed = join(folder, `tricky.${format}`);
    await writeCatalogFile(seed, [tricky]);
    expect((await run(seed, false)).problems).toEqual([]);

    const first = join(folder, `first.${format}`);
    await writeCatalogFile(first, await exportCatalog({ client: harness.tables.client, tableName: harness.tables.names.catalog }));
    const empty: TestTables<'catalog'> = await createTestTables(['catalog'] as const);
    try {
      const emptyTarget = { client: empty.client, tableName: empty.names.catalog, logger: createLogger({ service: 'test', level: 'silent' }) };
      const imported = await runImport({ file: first, skipBad: false, reportPath: `${first}.bad.csv`, target: emptyTarget, log: () => undefined });
      expect(imported.problems).toEqual([]);
      const second = join(folder, `second.${format}`);
      await writeCatalogFile(second, await exportCatalog({ client: empty.client, tableName: empty.names.catalog }));
      expect(await readFile(second, 'utf8')).toBe(await readFile(first, 'utf8'));
      expect((await readFile(first, 'utf8')).length).toBeGreaterThan(10_000);
    } finally {
      await empty.drop();
    }
  });
});

