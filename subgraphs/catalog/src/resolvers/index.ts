import type { Resolvers } from '../generated/resolver-types.js';
import { CategoryResolvers } from './category.js';
import { Mutation } from './mutation.js';
import { PriceBandResolvers, ProductConnectionResolvers } from './product-connection.js';
import { ProductVariantResolvers } from './product-variant.js';
import { ProductResolvers } from './product.js';
import { Query } from './query.js';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Product: ProductResolvers,
  ProductVariant: ProductVariantResolvers,
  Category: CategoryResolvers,
  ProductConnection: ProductConnectionResolvers,
  PriceBandFacet: PriceBandResolvers,
};
