import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CATALOG_LIMITS } from '../domain/catalog-limits.js';
import type { Category, ProductVariant } from '../domain/catalog-types.js';
import { nextPosition } from '../domain/category-tree.js';
import { newProduct } from '../domain/new-product.js';
import { createProductsInBulk } from '../store/bulk-writer.js';
import { createCatalogRepository, type CatalogRepository } from '../store/catalog-repository.js';
import { inParallel } from '@shopgraph/shared';
import type { ReadRow, RowProblem } from './catalog-row.js';
import { nameFromSlug, type CategoryPathPlan } from './category-paths.js';
import { planImport, productChanges, productFieldsOf, variantChanges, variantFieldsOf, type PlannedProduct } from './import-plan.js';
import { validateRows } from './validate-rows.js';

export interface ImportOptions {
  /** Load the good rows even when some are bad (the bad ones are still reported). */
  skipBad?: boolean;
  /** Transactions in flight at once (new products), or products being updated at once. */
  concurrency?: number;
  /** Products handled so far, of all. */
  onProgress?: (done: number, total: number) => void;
  /** Tells running replicas what changed (the change notices), once everything is written. */
  publish?: (changed: { productIds: string[]; categoryIds: string[] }) => Promise<void>;
}

export interface ImportReport {
  /** Every bad row, sorted by line: nothing was written when there is one, unless skipBad. */
  problems: RowProblem[];
  written: boolean;
  created: number;
  updated: number;
  unchanged: number;
  categoriesCreated: number;
}

/**
 * Loads catalog rows: validates every row first (alone, against each other, then against the
 * store, all before any write), then creates new products in packed transactions and updates
 * changed ones through the same conditional writes as the admin mutations. Idempotent per SKU:
 * a product or variant that already matches its row is not written, so a re-run writes nothing.
 */
export async function importCatalog({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }, read: readonly ReadRow[], options: ImportOptions = {}): Promise<ImportReport> {
  const repository = createCatalogRepository({ client, tableName });
  const valid = validateRows(read);
  const slugs = valid.products.map((product) => product.slug);
  const skus = valid.products.flatMap((product) => product.rows.map(({ row }) => row.sku));
  const [tree, productIdBySlug, skuOwners] = await Promise.all([repository.listCategories(), repository.productIdsBySlugs(slugs), repository.skuOwners(skus)]);
  const [products, variants] = await Promise.all([
    repository.storedProducts([...productIdBySlug.values()]),
    repository.storedVariants([...skuOwners.values()].map((owner) => owner.variantId)),
  ]);
  const plan = planImport(valid.products, { tree, productIdBySlug, skuOwners, products, variants });
  const problems = [...valid.problems, ...plan.problems].sort((a, b) => a.line - b.line);
  const report: ImportReport = { problems, written: false, created: 0, updated: 0, unchanged: 0, categoriesCreated: 0 };
  if (problems.length > 0 && !options.skipBad) return report;

  const categoryIds = await createMissingCategories(repository, plan.categories, tree);
  report.categoriesCreated = plan.categories.missing.length;
  const idsOf = (paths: readonly string[]) => paths.map((path) => plan.categories.known.get(path) ?? (categoryIds.get(path) as string));
  const total = plan.planned.length;
  let done = 0;
  const progress = (count: number) => options.onProgress?.((done += count), total);

  const fresh = plan.planned.filter((product) => !product.stored);
  const created = fresh.map(({ rows }) => newProduct(productFieldsOf(rows[0]!.row, idsOf(rows[0]!.row.categories)), rows.map(({ row }) => variantFieldsOf(row)), new Date()));
  const failures = await createProductsInBulk({ client, tableName }, created, { concurrency: options.concurrency ?? 4, onWritten: progress });
  for (const [index, error] of failures) problems.push(...fresh[index]!.rows.map(({ line }) => ({ line, field: 'slug', why: `Not written: ${error.message}` })));
  const changedIds = created.filter((_, index) => !failures.has(index)).map(({ product }) => product.id);
  report.created = changedIds.length;

  // Indexed once per import: a search of all stored variants per product made a re-run of
  // 10,000 products spend most of its time here.
  const variantsByProduct = new Map<string, Map<string, ProductVariant>>();
  for (const variant of variants.values()) {
    const own = variantsByProduct.get(variant.productId) ?? new Map<string, ProductVariant>();
    variantsByProduct.set(variant.productId, own.set(variant.sku, variant));
  }
  // Products are independent of each other; each one's own writes stay in order.
  await inParallel(
    plan.planned.filter((each) => each.stored),
    options.concurrency ?? 4,
    async (product) => {
      const changed = await applyChanges(repository, product, idsOf(product.rows[0]!.row.categories), variantsByProduct.get(product.stored!.id) ?? new Map()).catch((error: Error) => {
        problems.push(...product.rows.map(({ line }) => ({ line, field: 'slug', why: `Not written: ${error.message}` })));
        return false;
      });
      if (changed) {
        report.updated++;
        changedIds.push(product.stored!.id);
      } else report.unchanged++;
      progress(1);
    },
  );
  report.written = true;
  report.problems = problems.sort((a, b) => a.line - b.line);
  await options.publish?.({ productIds: changedIds, categoryIds: [...categoryIds.values()] });
  return report;
}

/** Parents first, each a conditional create (a slug taken meanwhile fails the import loudly). */
async function createMissingCategories(repository: CatalogRepository, plan: CategoryPathPlan, tree: readonly Category[]): Promise<Map<string, string>> {
  const created = new Map<string, string>();
  const known = [...tree];
  for (const prefix of plan.missing) {
    const segments = prefix.split('/');
    const parentPath = segments.slice(0, -1).join('/');
    const parentId = parentPath ? (plan.known.get(parentPath) ?? created.get(parentPath)) : undefined;
    const slug = segments.at(-1) as string;
    const category = await repository.createCategory({ slug, name: nameFromSlug(slug), position: nextPosition(known, parentId, CATALOG_LIMITS.maxPosition) }, parentId);
    known.push(category);
    created.set(prefix, category.id);
  }
  return created;
}

/** An existing product brought to its rows: only what differs is written. True when anything was. */
async function applyChanges(repository: CatalogRepository, { rows, stored }: PlannedProduct, categoryIds: string[], bySku: ReadonlyMap<string, ProductVariant>): Promise<boolean> {
  const product = stored!;
  let changed = false;
  const changes = productChanges(product, productFieldsOf(rows[0]!.row, categoryIds));
  if (Object.keys(changes).length > 0) {
    await repository.updateProduct(product.id, undefined, changes);
    changed = true;
  }
  for (const { row } of rows) {
    const existing = bySku.get(row.sku);
    const wanted = variantFieldsOf(row);
    if (!existing) {
      await repository.createVariant(product.id, undefined, wanted);
      changed = true;
      continue;
    }
    const variantChange = variantChanges(existing, wanted);
    if (Object.keys(variantChange).length === 0) continue;
    await repository.updateVariant(existing.id, undefined, variantChange);
    changed = true;
  }
  return changed;
}
