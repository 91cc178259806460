import type { ProductFields, VariantFields } from '../domain/catalog-input.js';
import type { Category, Product, ProductVariant } from '../domain/catalog-types.js';
import type { CatalogRow, RowProblem } from './catalog-row.js';
import { planCategoryPaths, type CategoryPathPlan } from './category-paths.js';
import type { ProductRows } from './validate-rows.js';

/** What the store holds for the products and SKUs a file names, read before anything is written. */
export interface StoredState {
  tree: readonly Category[];
  productIdBySlug: ReadonlyMap<string, string>;
  skuOwners: ReadonlyMap<string, { variantId: string; productId: string }>;
  products: ReadonlyMap<string, Product>;
  variants: ReadonlyMap<string, ProductVariant>;
}

/** One product of the file, checked against the store: new, or an existing one and its rows. */
export interface PlannedProduct {
  slug: string;
  rows: { line: number; row: CatalogRow }[];
  stored?: Product;
}

export const productFieldsOf = (row: CatalogRow, categoryIds: string[]): ProductFields => ({
  slug: row.slug,
  title: row.title,
  description: row.description,
  images: row.images,
  categoryIds,
});

export const variantFieldsOf = (row: CatalogRow): VariantFields => ({ sku: row.sku, title: row.variantTitle, selectedOptions: row.options, price: row.price });

/**
 * The checks only the store can answer, still before any write: a category path that
 * contradicts the tree, an archived product, a SKU that belongs to another product. Rows
 * failing them are problems like any other; the rest are planned.
 */
export function planImport(products: readonly ProductRows[], state: StoredState): { planned: PlannedProduct[]; categories: CategoryPathPlan; problems: RowProblem[] } {
  const categories = planCategoryPaths(
    products.flatMap((product) => product.rows[0]?.row.categories ?? []),
    state.tree,
  );
  const problems: RowProblem[] = [];
  const planned: PlannedProduct[] = [];
  for (const product of products) {
    const productId = state.productIdBySlug.get(product.slug);
    const stored = productId ? state.products.get(productId) : undefined;
    const conflict = (product.rows[0]?.row.categories ?? []).map((path) => categories.conflicts.get(path)).find(Boolean);
    const refuseAll = (field: string, why: string) => problems.push(...product.rows.map(({ line }) => ({ line, field, why })));
    if (conflict) {
      refuseAll('categories', conflict);
      continue;
    }
    if (stored?.archivedAt) {
      refuseAll('slug', `Product ${product.slug} is archived; it can no longer change.`);
      continue;
    }
    const rows = product.rows.filter(({ line, row }) => {
      const owner = state.skuOwners.get(row.sku);
      if (!owner || owner.productId === productId) return true;
      problems.push({ line, field: 'sku', why: `SKU ${row.sku} belongs to another product (${owner.productId}).` });
      return false;
    });
    if (rows.length > 0) planned.push({ slug: product.slug, rows, ...(stored ? { stored } : {}) });
  }
  return { planned, categories, problems };
}

/** The fields of a stored product that the file changes; empty when it matches. */
export function productChanges(stored: Product, wanted: ProductFields): Partial<ProductFields> {
  const changes: Partial<ProductFields> = {};
  if (stored.title !== wanted.title) changes.title = wanted.title;
  if (stored.description !== wanted.description) changes.description = wanted.description;
  if (!sameList(stored.images, wanted.images, (image) => [image.url, image.altText ?? null])) changes.images = wanted.images;
  if (!sameList(stored.categoryIds, wanted.categoryIds, (id) => [id])) changes.categoryIds = wanted.categoryIds;
  return changes;
}

export function variantChanges(stored: ProductVariant, wanted: VariantFields): Partial<VariantFields> {
  const changes: Partial<VariantFields> = {};
  if (stored.title !== wanted.title) changes.title = wanted.title;
  if (!sameList(stored.selectedOptions, wanted.selectedOptions, (option) => [option.name, option.value])) changes.selectedOptions = wanted.selectedOptions;
  if (stored.price.amount !== wanted.price) changes.price = wanted.price;
  return changes;
}

/** Compared field by field: a map read back from DynamoDB need not keep its keys' order. */
function sameList<T>(a: readonly T[], b: readonly T[], parts: (item: T) => unknown[]): boolean {
  return a.length === b.length && a.every((item, index) => JSON.stringify(parts(item)) === JSON.stringify(parts(b[index] as T)));
}
