import type { Category, Product } from './catalog-types.js';

/** The orders a listing can be sorted in; RELEVANCE needs a text query. */
export type ListingSort = 'RELEVANCE' | 'PRICE_ASC' | 'PRICE_DESC' | 'NEWEST' | 'TITLE';

/** A validated listing request, as the index executes it. */
export interface ListingQuery {
  /** Tokens of the text query; undefined when there is none, empty when it had no searchable word. */
  tokens?: string[];
  /** Products in this category or any of its descendants. */
  categoryId?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  sort: ListingSort;
  first: number;
  /** Position to continue after, decoded from a cursor this same listing issued. */
  after?: { sortValue: string | number; id: string };
  /** Binds cursors to the filter and sort they were issued for. */
  fingerprint: string;
}

/** One product of a listing and the value it was sorted by (what its cursor records). */
export interface ListingHit {
  product: Product;
  sortValue: string | number;
}

/** Counts for a filter sidebar, over every product matching the listing's filter. */
export interface ListingFacets {
  categories: { category: Category; count: number }[];
  priceBands: { min: number; max: number | null; count: number }[];
}

/** A page of a listing. */
export interface ListingPage {
  hits: ListingHit[];
  totalCount: number;
  hasNextPage: boolean;
  /** Computed only when asked for: most listings do not show facets. */
  facets: () => ListingFacets;
}
