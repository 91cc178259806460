import type { Category } from './catalog-types.js';
import { decodeCursor, listingFingerprint } from './listing-cursor.js';
import type { ListingQuery, ListingSort } from './listing-types.js';
import { MAX_QUERY_LENGTH, queryTokens } from './text.js';

export const MAX_PAGE_SIZE = 100;
/** Price filters above this are refused; no price can exceed it (see price-rules). */
const MAX_PRICE_FILTER = 1_000_000_000;

/** An argument GraphQL's types accept but the listing does not; `field` names it. */
export class ListingInputError extends Error {
  constructor(
    message: string,
    readonly field: string[],
  ) {
    super(message);
  }
}

/** The listing arguments as GraphQL hands them over. */
export interface ListingArgs {
  first: number;
  after?: string | null;
  filter?: {
    query?: string | null;
    categorySlug?: string | null;
    minPrice?: number | null;
    maxPrice?: number | null;
    inStock?: boolean | null;
  } | null;
  sort?: ListingSort | null;
}

/**
 * Validates listing arguments into a query the index runs. Every refusal names the argument
 * at fault; a text query with no searchable word is not refused, it matches nothing.
 */
export function parseListingArgs(args: ListingArgs, categoryBySlug: (slug: string) => Category | undefined): ListingQuery {
  const { first, after, filter } = args;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new ListingInputError(`first must be between 1 and ${MAX_PAGE_SIZE}.`, ['first']);
  }
  const text = filter?.query ?? undefined;
  if (text !== undefined && text.length > MAX_QUERY_LENGTH) {
    throw new ListingInputError(`filter.query must be at most ${MAX_QUERY_LENGTH} characters.`, ['filter', 'query']);
  }
  const tokens = text === undefined ? undefined : queryTokens(text);
  const sort: ListingSort = args.sort ?? (text !== undefined ? 'RELEVANCE' : 'TITLE');
  if (sort === 'RELEVANCE' && text === undefined) {
    throw new ListingInputError('sort RELEVANCE needs filter.query.', ['sort']);
  }
  const minPrice = filter?.minPrice ?? undefined;
  const maxPrice = filter?.maxPrice ?? undefined;
  for (const [name, value] of [['minPrice', minPrice], ['maxPrice', maxPrice]] as const) {
    if (value !== undefined && (value < 0 || value > MAX_PRICE_FILTER)) {
      throw new ListingInputError(`filter.${name} must be between 0 and ${MAX_PRICE_FILTER} minor units.`, ['filter', name]);
    }
  }
  if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice) {
    throw new ListingInputError('filter.minPrice must not be above filter.maxPrice.', ['filter', 'minPrice']);
  }
  const slug = filter?.categorySlug ?? undefined;
  const category = slug === undefined ? undefined : categoryBySlug(slug);
  if (slug !== undefined && !category) {
    throw new ListingInputError('filter.categorySlug names no category.', ['filter', 'categorySlug']);
  }
  const inStock = filter?.inStock ?? undefined;
  const fingerprint = listingFingerprint({ t: tokens, c: category?.id, min: minPrice, max: maxPrice, s: inStock, o: sort });

  let position: ListingQuery['after'];
  if (after !== undefined && after !== null) {
    const cursor = decodeCursor(after);
    const expectsNumber = sort === 'RELEVANCE' || sort === 'PRICE_ASC' || sort === 'PRICE_DESC';
    if (!cursor || cursor.f !== fingerprint || typeof cursor.s !== (expectsNumber ? 'number' : 'string')) {
      throw new ListingInputError('after is not a cursor from this listing (same filter and sort).', ['after']);
    }
    position = { sortValue: cursor.s, id: cursor.id };
  }
  return {
    sort,
    first,
    fingerprint,
    ...(tokens !== undefined ? { tokens } : {}),
    ...(category ? { categoryId: category.id } : {}),
    ...(minPrice !== undefined ? { minPrice } : {}),
    ...(maxPrice !== undefined ? { maxPrice } : {}),
    ...(inStock !== undefined ? { inStock } : {}),
    ...(position ? { after: position } : {}),
  };
}
