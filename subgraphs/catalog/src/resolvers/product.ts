import type { ProductVariant } from '../domain/catalog-types.js';
import type { ProductResolvers as Resolvers } from '../generated/resolver-types.js';

export const ProductResolvers: Resolvers = {
  async __resolveReference({ id }, { loaders }) {
    return (await loaders.product.load(id)) ?? null;
  },
  featuredImage: (product) => product.images[0] ?? null,
  categories(product, _, { loaders }) {
    return loaders.categories().filter((category) => product.categoryIds.includes(category.id));
  },
  async variants(product, _, { loaders }) {
    const variants = await loaders.variant.loadMany(product.variantIds);
    return variants.filter((variant): variant is ProductVariant => variant !== undefined && !(variant instanceof Error));
  },
};
