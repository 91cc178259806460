import type { Image } from '../domain/catalog-types.js';

/**
 * One line of a catalog file (JSON Lines or CSV): one variant, with its product's fields
 * repeated on every line of that product. A product is identified by its slug, a variant by
 * its SKU; ids, versions and creation times belong to the store and are not in the file.
 */
export interface CatalogRow {
  slug: string;
  title: string;
  description: string;
  images: Image[];
  /** Each a path of category slugs from a root, e.g. `footwear/athletic/running-shoes`; the product is listed in the last one. */
  categories: string[];
  sku: string;
  variantTitle: string;
  options: { name: string; value: string }[];
  /** Minor units of the catalog currency. */
  price: number;
}

/** The columns of a CSV file, in the order export writes them. */
export const CATALOG_COLUMNS = ['slug', 'title', 'description', 'images', 'categories', 'sku', 'variantTitle', 'options', 'price'] as const;
export type CatalogColumn = (typeof CATALOG_COLUMNS)[number];

/** A row that cannot be loaded: where it is, which column, and why. */
export interface RowProblem {
  line: number;
  field: string;
  why: string;
}

/** A row as read from a file: its line and either the row or what was wrong with it. */
export type ReadRow = { line: number; row: CatalogRow } | { line: number; problems: RowProblem[] };
