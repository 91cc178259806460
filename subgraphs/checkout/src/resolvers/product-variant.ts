import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import type { ProductVariantResolvers } from '../generated/resolver-types.js';

export interface VariantReference {
  id: string;
}

/** Stock may be cached (CDN, gateway) this long: "in stock" must be right within seconds. */
const STOCK_MAX_AGE_SECONDS = 5;

export const ProductVariant: ProductVariantResolvers = {
  __resolveReference(reference, _context, info) {
    // `_entities` is uncacheable by default; stock is public data, so say how long it keeps.
    maybeCacheControlFromInfo(info)?.setCacheHint({ maxAge: STOCK_MAX_AGE_SECONDS, scope: 'PUBLIC' });
    return reference;
  },
  availableQuantity: ({ id }, _, { loaders }) => loaders.stock.load(id),
  inStock: async ({ id }, _, { loaders }) => (await loaders.stock.load(id)) > 0,
};
