import { productProblems, variantProblems } from '../domain/catalog-input.js';
import { CATALOG_LIMITS, SLUG_PATTERN } from '../domain/catalog-limits.js';
import type { CatalogRow, ReadRow, RowProblem } from './catalog-row.js';

/** The rows of one product, in file order; the first one's product fields are the product's. */
export interface ProductRows {
  slug: string;
  rows: { line: number; row: CatalogRow }[];
}

/** Which column of a row a mutation-style field path points at. */
const COLUMN_OF: Record<string, string> = { title: 'title', slug: 'slug', description: 'description', images: 'images', categoryIds: 'categories' };
const VARIANT_COLUMN_OF: Record<string, string> = { sku: 'sku', title: 'variantTitle', selectedOptions: 'options', price: 'price' };

function rowProblems(line: number, row: CatalogRow): RowProblem[] {
  const problems: RowProblem[] = [];
  // The same rules as the admin mutations, so a file cannot store what the API would refuse.
  for (const error of productProblems({ slug: row.slug, title: row.title, description: row.description, images: row.images, categoryIds: row.categories })) {
    problems.push({ line, field: COLUMN_OF[error.field?.[0] ?? ''] ?? 'slug', why: error.message });
  }
  for (const error of variantProblems({ sku: row.sku, title: row.variantTitle, selectedOptions: row.options, price: row.price })) {
    problems.push({ line, field: VARIANT_COLUMN_OF[error.field?.[0] ?? ''] ?? 'sku', why: error.message });
  }
  for (const path of row.categories) {
    const segments = path.split('/');
    if (segments.length > CATALOG_LIMITS.categoryDepth || segments.some((segment) => !SLUG_PATTERN.test(segment))) {
      problems.push({ line, field: 'categories', why: `"${path}" is not a path of at most ${CATALOG_LIMITS.categoryDepth} category slugs joined by "/".` });
    }
  }
  return problems;
}

const sameProduct = (a: CatalogRow, b: CatalogRow) =>
  a.title === b.title && a.description === b.description && JSON.stringify(a.images) === JSON.stringify(b.images) && JSON.stringify(a.categories) === JSON.stringify(b.categories);

/**
 * Checks every row on its own and against the others (a SKU twice, a product whose lines
 * disagree, too many variants), without reading the store. Every problem is reported, not
 * only the first; a row with a problem is left out of the products.
 */
export function validateRows(read: readonly ReadRow[]): { products: ProductRows[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const bySlug = new Map<string, ProductRows>();
  const skuLines = new Map<string, number>();
  for (const entry of read) {
    if ('problems' in entry) {
      problems.push(...entry.problems);
      continue;
    }
    const { line, row } = entry;
    const own = rowProblems(line, row);
    const firstSku = skuLines.get(row.sku);
    if (firstSku !== undefined) own.push({ line, field: 'sku', why: `SKU ${row.sku} is already on line ${firstSku}.` });
    const product = bySlug.get(row.slug);
    const first = product?.rows[0];
    if (first && !sameProduct(first.row, row)) own.push({ line, field: 'title', why: `The product fields differ from line ${first.line}, the first line of ${row.slug}.` });
    if (product && product.rows.length >= CATALOG_LIMITS.variantsPerProduct) own.push({ line, field: 'sku', why: `A product has at most ${CATALOG_LIMITS.variantsPerProduct} variants.` });
    if (own.length > 0) {
      problems.push(...own);
      continue;
    }
    skuLines.set(row.sku, line);
    if (product) product.rows.push({ line, row });
    else bySlug.set(row.slug, { slug: row.slug, rows: [{ line, row }] });
  }
  return { products: [...bySlug.values()], problems: problems.sort((a, b) => a.line - b.line) };
}
