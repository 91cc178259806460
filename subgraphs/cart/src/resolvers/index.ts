import type { Resolvers } from '../generated/resolver-types.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';

export const resolvers: Resolvers = { Query, Mutation };
