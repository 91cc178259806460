import type { ListingPage, ListingQuery, ListingSort } from '../domain/listing-types.js';
import { computeFacets } from './facets.js';
import type { IndexedProduct, ProductIndex } from './product-index.js';

/** Raised when the inStock filter is asked for before checkout's stock flags ever arrived. */
export class StockUnknownError extends Error {}

interface Ranked {
  entry: IndexedProduct;
  sortValue: string | number;
}

/**
 * Runs a listing against the index: text match, filters, order, then the page after the
 * cursor. Pagination is by key (the last item's sort value and id), not by offset, so a page
 * boundary stays put when products are added or re-priced between two pages.
 */
export function runListing(index: ProductIndex, query: ListingQuery): ListingPage {
  if (query.inStock !== undefined && !index.stock.loaded) throw new StockUnknownError();
  const scores = query.tokens ? index.terms.search(query.tokens) : undefined;
  const keep = (entry: IndexedProduct): boolean =>
    (query.categoryId === undefined || entry.categoryIds.has(query.categoryId)) &&
    (query.minPrice === undefined || entry.price >= query.minPrice) &&
    (query.maxPrice === undefined || entry.price <= query.maxPrice) &&
    (query.inStock === undefined || index.stock.anyInStock(entry.product.variantIds) === query.inStock);

  let ranked: Ranked[];
  if (query.sort === 'RELEVANCE') {
    ranked = [];
    for (const [id, score] of scores ?? []) {
      const entry = index.get(id);
      if (entry && keep(entry)) ranked.push({ entry, sortValue: score });
    }
    ranked.sort((a, b) => comparePosition('RELEVANCE', a.sortValue, a.entry.product.id, b.sortValue, b.entry.product.id));
  } else {
    const sort = query.sort;
    ranked = [];
    for (const entry of index.sorted(sort)) {
      if ((!scores || scores.has(entry.product.id)) && keep(entry)) ranked.push({ entry, sortValue: sortValueOf(sort, entry) });
    }
  }

  const start = query.after ? firstAfter(ranked, query.sort, query.after) : 0;
  const page = ranked.slice(start, start + query.first);
  let facets: ReturnType<typeof computeFacets> | undefined;
  return {
    hits: page.map(({ entry, sortValue }) => ({ product: entry.product, sortValue })),
    totalCount: ranked.length,
    hasNextPage: start + query.first < ranked.length,
    facets: () =>
      (facets ??= computeFacets(
        index,
        ranked.map(({ entry }) => entry),
      )),
  };
}

function sortValueOf(sort: Exclude<ListingSort, 'RELEVANCE'>, entry: IndexedProduct): string | number {
  switch (sort) {
    case 'TITLE':
      return entry.titleKey;
    case 'PRICE_ASC':
    case 'PRICE_DESC':
      return entry.price;
    case 'NEWEST':
      return entry.product.createdAt;
  }
}

/** The listing's order on (sort value, id); must agree with the index's own comparators. */
function comparePosition(sort: ListingSort, aValue: string | number, aId: string, bValue: string | number, bId: string): number {
  const descending = sort === 'RELEVANCE' || sort === 'PRICE_DESC' || sort === 'NEWEST';
  const byValue = aValue < bValue ? -1 : aValue > bValue ? 1 : 0;
  return (descending ? -byValue : byValue) || (aId < bId ? -1 : aId > bId ? 1 : 0);
}

/** Index of the first item strictly after the cursor's position (binary search). */
function firstAfter(ranked: readonly Ranked[], sort: ListingSort, after: { sortValue: string | number; id: string }): number {
  let low = 0;
  let high = ranked.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const item = ranked[middle] as Ranked;
    if (comparePosition(sort, item.sortValue, item.entry.product.id, after.sortValue, after.id) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
