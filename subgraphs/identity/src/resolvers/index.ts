import type { Resolvers } from '../generated/resolver-types.js';
import { AccountMutation } from './account-mutations.js';
import { AddressMutation } from './address-mutations.js';
import { Customer } from './customer.js';
import { SessionMutation } from './session-mutations.js';
import { Viewer, ViewerQuery } from './viewer.js';

export const resolvers: Resolvers = {
  Query: ViewerQuery,
  Viewer,
  Mutation: { ...SessionMutation, ...AccountMutation, ...AddressMutation },
  Customer,
};
