import type { ProductVariantResolvers as Resolvers } from '../generated/resolver-types.js';

export const ProductVariantResolvers: Resolvers = {
  async __resolveReference({ id }, { loaders }) {
    return (await loaders.variant.load(id)) ?? null;
  },
  async product(variant, _, { loaders }) {
    const product = await loaders.product.load(variant.productId);
    // The field is non-null and every variant is written with its product: a missing one is a
    // broken store, an unexpected (masked) error as GraphQL's own non-null error was before.
    if (!product) throw new Error(`Variant ${variant.id} belongs to product ${variant.productId}, which is not stored.`);
    return product;
  },
};
