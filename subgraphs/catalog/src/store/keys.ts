/**
 * The only place catalog key strings are built. One table, generic PK/SK, GSI1 for listings:
 *
 * | item       | PK                | SK         | GSI1PK      | GSI1SK                         |
 * | product    | PRODUCT#<id>      | PRODUCT    | PRODUCTS    | TITLE#<lowercased title>#<id>  |
 * | (archived) | PRODUCT#<id>      | PRODUCT    | ARCHIVED_PRODUCTS | TITLE#<lowercased title>#<id> |
 * | slug       | SLUG#<slug>       | SLUG       |             |                                |
 * | variant    | VARIANT#<id>      | VARIANT    |             |                                |
 * | sku        | SKU#<sku>         | SKU        |             |                                |
 * | category   | CATEGORY#<id>     | CATEGORY   | CATEGORIES  | <parent id or ROOT>#<position> |
 * | cat. slug  | CATEGORY_SLUG#<slug> | CATEGORY_SLUG |       |                                |
 * | seed mark  | SEED#demo         | SEED       |             |                                |
 *
 * The slug, SKU and category slug items exist to make those values unique: a write that takes
 * one puts its item with `attribute_not_exists(PK)` in the same transaction.
 *
 * Redis channels (pub/sub, under the configured prefix) are named here too.
 */
export const keys = {
  product: (id: string) => ({ PK: `PRODUCT#${id}`, SK: 'PRODUCT' }),
  /** Archived products move to their own partition, so a replica's index build never reads them. */
  productListing: (title: string, id: string, archived = false) => ({
    GSI1PK: archived ? ARCHIVED_PRODUCT_LISTING_PARTITION : PRODUCT_LISTING_PARTITION,
    GSI1SK: `TITLE#${titleSortKey(title)}#${id}`,
  }),
  slug: (slug: string) => ({ PK: `SLUG#${slug}`, SK: 'SLUG' }),
  variant: (id: string) => ({ PK: `VARIANT#${id}`, SK: 'VARIANT' }),
  sku: (sku: string) => ({ PK: `SKU#${sku}`, SK: 'SKU' }),
  category: (id: string) => ({ PK: `CATEGORY#${id}`, SK: 'CATEGORY' }),
  categorySlug: (slug: string) => ({ PK: `CATEGORY_SLUG#${slug}`, SK: 'CATEGORY_SLUG' }),
  categoryListing: (parentId: string | undefined, position: number) => ({
    GSI1PK: 'CATEGORIES',
    GSI1SK: `${parentId ?? 'ROOT'}#${String(position).padStart(4, '0')}`,
  }),
  seedMark: () => ({ PK: 'SEED#demo', SK: 'SEED' }),
} as const;

export const PRODUCT_LISTING_PARTITION = 'PRODUCTS';
export const ARCHIVED_PRODUCT_LISTING_PARTITION = 'ARCHIVED_PRODUCTS';
export const CATEGORY_LISTING_PARTITION = 'CATEGORIES';

/**
 * Pub/sub channels. `stockChanged` is published by checkout (which owns stock) and must match
 * checkout's own keys.ts; a test checks that it does.
 */
export const channels = {
  catalogChanged: (prefix: string) => `${prefix}catalog:changed`,
  stockChanged: (prefix: string) => `${prefix}stock:changed`,
  /** Category ids: every replica re-reads them and re-files its products under the new tree. */
  categoriesChanged: (prefix: string) => `${prefix}catalog:categories-changed`,
} as const;

/** Case-insensitive, accent-insensitive title order. */
export function titleSortKey(title: string): string {
  return title.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
