import type { GraphQLResolveInfo } from 'graphql';
import type { ProductVariantResolvers } from '../generated/resolver-types.js';

export interface VariantReference {
  id: string;
}

/** Stock may be cached (CDN, gateway) this long: "in stock" must be right within seconds. */
const STOCK_MAX_AGE_SECONDS = 5;

/** The part of resolve info Apollo Server's cache-control plugin adds (absent when it is off). */
interface CacheHintInfo {
  cacheControl?: { setCacheHint(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void };
}

export const ProductVariant: ProductVariantResolvers = {
  __resolveReference(reference, _context, info) {
    // `_entities` is uncacheable by default; stock is public data, so say how long it keeps.
    // A cast: graphql's GraphQLResolveInfo does not declare the field the plugin adds at run time.
    (info as GraphQLResolveInfo & CacheHintInfo).cacheControl?.setCacheHint({ maxAge: STOCK_MAX_AGE_SECONDS, scope: 'PUBLIC' });
    return reference;
  },
  availableQuantity: ({ id }, _, { loaders }) => loaders.stock.load(id),
  inStock: async ({ id }, _, { loaders }) => (await loaders.stock.load(id)) > 0,
};
