import { Mutation } from './mutation.js';
import { OrderLineResolvers } from './order.js';
import { ProductVariantResolvers } from './product-variant.js';
import { Query } from './query.js';

export const resolvers = { Query, Mutation, ProductVariant: ProductVariantResolvers, OrderLine: OrderLineResolvers };
