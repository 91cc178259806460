import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import { codedError, ErrorCode } from '@shopgraph/shared';
import { encodeCursor } from '../domain/listing-cursor.js';
import { ListingInputError, parseListingArgs } from '../domain/listing-query.js';
import type { QueryResolvers } from '../generated/resolver-types.js';
import { runListing, StockUnknownError } from '../search/run-listing.js';

/** Listings filtered on stock may be cached only briefly: stock moves faster than the catalog. */
const STOCK_FILTER_MAX_AGE_SECONDS = 5;

export const Query: QueryResolvers = {
  products(_, args, { search, loaders }, info) {
    const index = search.current();
    let page;
    try {
      const query = parseListingArgs(args, (slug) => index.categoryBySlug(slug));
      if (query.inStock !== undefined) maybeCacheControlFromInfo(info)?.setCacheHint({ maxAge: STOCK_FILTER_MAX_AGE_SECONDS });
      page = runListing(index, query);
      const edges = page.hits.map(({ product, sortValue }) => {
        loaders.product.prime(product.id, product);
        return { node: product, cursor: encodeCursor({ v: 2, f: query.fingerprint, s: sortValue, id: product.id }) };
      });
      return {
        totalCount: page.totalCount,
        edges,
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
        facets: page.facets,
      };
    } catch (error) {
      if (error instanceof ListingInputError) throw codedError(ErrorCode.BAD_USER_INPUT, error.message, { field: error.field });
      if (error instanceof StockUnknownError) {
        throw codedError(ErrorCode.SERVICE_UNAVAILABLE, 'Stock levels are not available yet; retry without inStock or later.');
      }
      throw error;
    }
  },

  async product(_, { id, slug }, { catalog, loaders }) {
    if ((id == null) === (slug == null)) {
      throw codedError(ErrorCode.BAD_USER_INPUT, 'Give exactly one of id or slug.');
    }
    const productId = slug == null ? id : await catalog.productIdBySlug(slug);
    const product = productId ? await loaders.product.load(productId) : undefined;
    // An archived product is out of the shop; carts and orders still reach it through their
    // variants. Not shown to admins either: this answer may be cached publicly.
    return product && !product.archivedAt ? product : null;
  },

  categories(_, __, { loaders }) {
    return loaders.categories().filter((category) => !category.parentId);
  },
};
