/**
 * The only place catalog key strings are built. One table, generic PK/SK, GSI1 for listings:
 *
 * | item       | PK                | SK         | GSI1PK      | GSI1SK                         |
 * | product    | PRODUCT#<id>      | PRODUCT    | PRODUCTS    | TITLE#<lowercased title>#<id>  |
 * | slug       | SLUG#<slug>       | SLUG       |             |                                |
 * | variant    | VARIANT#<id>      | VARIANT    |             |                                |
 * | category   | CATEGORY#<id>     | CATEGORY   | CATEGORIES  | <parent id or ROOT>#<position> |
 * | seed mark  | SEED#demo         | SEED       |             |                                |
 *
 * Redis channels (pub/sub, under the configured prefix) are named here too.
 */
export const keys = {
  product: (id: string) => ({ PK: `PRODUCT#${id}`, SK: 'PRODUCT' }),
  productListing: (title: string, id: string) => ({ GSI1PK: 'PRODUCTS', GSI1SK: `TITLE#${titleSortKey(title)}#${id}` }),
  slug: (slug: string) => ({ PK: `SLUG#${slug}`, SK: 'SLUG' }),
  variant: (id: string) => ({ PK: `VARIANT#${id}`, SK: 'VARIANT' }),
  category: (id: string) => ({ PK: `CATEGORY#${id}`, SK: 'CATEGORY' }),
  categoryListing: (parentId: string | undefined, position: number) => ({
    GSI1PK: 'CATEGORIES',
    GSI1SK: `${parentId ?? 'ROOT'}#${String(position).padStart(4, '0')}`,
  }),
  seedMark: () => ({ PK: 'SEED#demo', SK: 'SEED' }),
} as const;

export const PRODUCT_LISTING_PARTITION = 'PRODUCTS';
export const CATEGORY_LISTING_PARTITION = 'CATEGORIES';

/**
 * Pub/sub channels. `stockChanged` is published by checkout (which owns stock) and must match
 * checkout's own keys.ts; a test checks that it does.
 */
export const channels = {
  catalogChanged: (prefix: string) => `${prefix}catalog:changed`,
  stockChanged: (prefix: string) => `${prefix}stock:changed`,
} as const;

/** Case-insensitive, accent-insensitive title order. */
export function titleSortKey(title: string): string {
  return title.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
