import { Mutation } from './mutation.js';
import { Query } from './query.js';

export const resolvers = { Query, Mutation };
