import type { CheckoutContext } from '../context.js';

export interface VariantReference {
  id: string;
}

/** Stock may be cached (CDN, gateway) this long: "in stock" must be right within seconds. */
const STOCK_MAX_AGE_SECONDS = 5;

/** The part of resolve info Apollo Server's cache-control plugin adds (absent when it is off). */
interface CacheHintInfo {
  cacheControl?: { setCacheHint(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void };
}

export const ProductVariantResolvers = {
  // Federation calls it as (reference, context, info); typed loosely to fit the resolver map.
  __resolveReference(reference: VariantReference, _context: unknown, info: unknown) {
    // `_entities` is uncacheable by default; stock is public data, so say how long it keeps.
    (info as CacheHintInfo | undefined)?.cacheControl?.setCacheHint({ maxAge: STOCK_MAX_AGE_SECONDS, scope: 'PUBLIC' });
    return reference;
  },
  availableQuantity: ({ id }: VariantReference, _: unknown, { loaders }: CheckoutContext) => loaders.stock.load(id),
  inStock: async ({ id }: VariantReference, _: unknown, { loaders }: CheckoutContext) => (await loaders.stock.load(id)) > 0,
};
