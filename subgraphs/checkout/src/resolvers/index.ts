import type { Resolvers } from '../generated/resolver-types.js';
import { Mutation } from './mutation.js';
import { Order, OrderLine } from './order.js';
import { ProductVariant } from './product-variant.js';
import { Query } from './query.js';

export const resolvers: Resolvers = { Query, Mutation, Order, ProductVariant, OrderLine };
