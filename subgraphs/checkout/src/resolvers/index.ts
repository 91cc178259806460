import { Mutation } from './mutation.js';
import { OrderLineResolvers, OrderResolvers } from './order.js';
import { ProductVariantResolvers } from './product-variant.js';
import { Query } from './query.js';

export const resolvers = { Query, Mutation, Order: OrderResolvers, ProductVariant: ProductVariantResolvers, OrderLine: OrderLineResolvers };
