import { notImplemented } from '@shopgraph/shared';

const notYet = (name: string) => () => {
  throw notImplemented(name);
};

/** Accounts and durable sessions arrive with the identity work; until then each field says so. */
export const resolvers = {
  Query: { viewer: notYet('viewer') },
  Mutation: {
    startSession: notYet('startSession'),
    signUp: notYet('signUp'),
    signIn: notYet('signIn'),
    signOut: notYet('signOut'),
    signOutEverywhere: notYet('signOutEverywhere'),
    revokeSession: notYet('revokeSession'),
  },
};
