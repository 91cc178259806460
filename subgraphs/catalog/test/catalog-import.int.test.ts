import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestTables, type TestTables } from '../../../test/support/dynamo.js';
import { writeCatalogFile } from '../../../tools/catalog/catalog-file.js';
import { parseCsv } from '../../../tools/catalog/csv.js';
import { runImport } from '../../../tools/catalog/run-import.js';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createLogger } from '@shopgraph/shared';
import { createDocumentClient } from '@shopgraph/shared/dynamo';
import { createCatalogRepository } from '../src/store/catalog-repository.js';
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
  /** Every item of the catalog table, in key order: what "writes nothing" is checked against. */
  const everyItem = async () => {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await harness.tables.client.send(new ScanCommand({ TableName: harness.tables.names.catalog, ConsistentRead: true, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    const key = (item: Record<string, unknown>) => `${String(item['PK'])} ${String(item['SK'])}`;
    return items.sort((a, b) => (key(a) < key(b) ? -1 : 1));
  };
  /** Clients that each hold their first TransactWriteItems until all of them have reached theirs. */
  const clientsMeetingAtFirstWrite = (count: number): DynamoDBDocumentClient[] => {
    let arrived = 0;
    let meet = () => {};
    const met = new Promise<void>((resolve) => (meet = resolve));
    return Array.from({ length: count }, () => {
      const client = createDocumentClient({ region: 'us-east-1', endpoint: harness.tables.endpoint });
      let waited = false;
      client.middlewareStack.add(
        (next, context) => async (args) => {
          if (context.commandName === 'TransactWriteItemsCommand' && !waited) {
            waited = true;
            if (++arrived === count) meet();
            await met;
          }
          return next(args);
        },
        { step: 'initialize', name: 'meetAtFirstWrite' },
      );
      return client;
    });
  };
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

    // Idempotent per SKU: the same file again writes nothing, not even a version.
    const before = await everyItem();
    const again = await run(file, true);
    expect(again).toMatchObject({ written: true, created: 0, updated: 0, unchanged: PRODUCTS - 1 });
    expect(await everyItem()).toEqual(before);
  });

  it('when an imported row changes a title and a price, then only that product is updated, on every replica', async () => {
    const rows = (await exportCatalog({ client: harness.tables.client, tableName: harness.tables.names.catalog })).filter((row) => row.slug.endsWith('-7'));
    const file = join(folder, 'edit.csv');
    await writeCatalogFile(file, rows.map((row, index) => ({ ...row, title: 'Quilted Tea Cosy', price: index === 0 ? 1 : row.price })));
    const result = await run(file, false);
    expect(result).toMatchObject({ written: true, created: 0, updated: 1, problems: [] });
    for (const url of [replicaA, replicaB]) await eventually(async () => expect((await admin.search(url, { query: 'quilted cosy' })).length).toBe(1));
  });

  it('when a file changes three products in three ways, then those three are updated and every other product is left as it was', async () => {
    const before = await exportCatalog({ client: harness.tables.client, tableName: harness.tables.names.catalog });
    const [retitled, repriced, extended] = [...new Set(before.map((row) => row.slug))].slice(20, 23) as [string, string, string];
    const file = join(folder, 'three-changes.jsonl');
    const lastOf = (slug: string) => before.findLastIndex((row) => row.slug === slug);
    const rows = before.map((row, index) => {
      if (row.slug === retitled) return { ...row, title: 'Retitled By Import' };
      if (row.slug === repriced && index === lastOf(repriced)) return { ...row, price: row.price + 101 };
      return row;
    });
    rows.splice(lastOf(extended) + 1, 0, { ...before[lastOf(extended)]!, sku: 'IMPORT-ADDED-1', variantTitle: 'Added by import', options: [], price: 4321 });
    await writeCatalogFile(file, rows);

    const result = await run(file, false);
    expect(result).toMatchObject({ written: true, created: 0, updated: 3, unchanged: new Set(before.map((row) => row.slug)).size - 3, problems: [] });
    const after = await exportCatalog({ client: harness.tables.client, tableName: harness.tables.names.catalog });
    expect(after).toEqual(rows);
    const untouched = (list: CatalogRow[]) => list.filter((row) => ![retitled, repriced, extended].includes(row.slug));
    expect(untouched(after)).toEqual(untouched(before));
  });

  it('when two imports race for the same new SKU under different products, then one product gets it, the other is written not at all, and the rest of both files loads', async () => {
    const [template] = demoCatalogRows(1);
    const row = (slug: string, sku: string): CatalogRow => ({ ...template!, slug, sku, categories: ['home/kitchen/mugs'] });
    const repository = createCatalogRepository({ client: harness.tables.client, tableName: harness.tables.names.catalog });
    /** Both imports read the store, then meet at their first write, so each planned on a SKU that was free. */
    const race = async (tag: string, skus: [string, string]) => {
      const clients = clientsMeetingAtFirstWrite(2);
      try {
        return await Promise.all(
          clients.map(async (client, index) => {
            const file = join(folder, `race-${tag}-${index}.jsonl`);
            await writeCatalogFile(file, [row(`race-${tag}-${index}`, skus[index]!), row(`race-${tag}-${index}-sibling`, `RACE-${tag}-SIBLING-${index}`)]);
            const racer = { client, tableName: harness.tables.names.catalog, logger: createLogger({ service: 'test', level: 'silent' }) };
            return runImport({ file, skipBad: false, reportPath: `${file}.bad.csv`, target: racer, log: () => undefined });
          }),
        );
      } finally {
        for (const client of clients) client.destroy();
      }
    };

    // Control: the same race over different SKUs refuses nothing.
    const apart = await race('apart', ['RACE-APART-0', 'RACE-APART-1']);
    expect(apart.map((report) => [report.created, report.problems])).toEqual([
      [2, []],
      [2, []],
    ]);

    const same = await race('same', ['RACE-SAME', 'RACE-SAME']);
    const loser = same.findIndex((report) => report.problems.length > 0);
    const winner = 1 - loser;
    expect(same[loser]).toMatchObject({ created: 1, problems: [{ line: 1, field: 'slug', why: 'Not written: Another variant has this SKU.' }] });
    expect(same[winner]).toMatchObject({ created: 2, problems: [] });
    const winnerId = await repository.productIdBySlug(`race-same-${winner}`);
    expect((await repository.skuOwners(['RACE-SAME'])).get('RACE-SAME')?.productId).toBe(winnerId);
    expect(await repository.productIdBySlug(`race-same-${loser}`)).toBeUndefined();
    expect((await repository.listAllProducts()).filter((product) => product.slug.startsWith('race-same-')).map((product) => product.slug).sort()).toEqual(
      [`race-same-${winner}`, 'race-same-0-sibling', 'race-same-1-sibling'].sort(),
    );
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

