import type { CatalogContext } from '../context.js';
import type { ProductVariant } from '../domain/catalog-types.js';

export const ProductVariantResolvers = {
  __resolveReference({ id }: { id: string }, { loaders }: CatalogContext) {
    return loaders.variant.load(id);
  },
  product(variant: ProductVariant, _: unknown, { loaders }: CatalogContext) {
    return loaders.product.load(variant.productId);
  },
};
