import type { CatalogContext } from '../context.js';
import type { Product } from '../domain/catalog-types.js';

export const ProductResolvers = {
  __resolveReference({ id }: { id: string }, { loaders }: CatalogContext) {
    return loaders.product.load(id);
  },
  featuredImage: (product: Product) => product.images[0] ?? null,
  categories(product: Product, _: unknown, { loaders }: CatalogContext) {
    return loaders.categories().filter((category) => product.categoryIds.includes(category.id));
  },
  async variants(product: Product, _: unknown, { loaders }: CatalogContext) {
    const variants = await loaders.variant.loadMany(product.variantIds);
    return variants.filter((variant) => variant !== undefined && !(variant instanceof Error));
  },
};
