import { requireSession } from '@shopgraph/shared/server';
import { requireCustomer } from '../domain/session-service.js';
import type { MutationResolvers } from '../generated/resolver-types.js';

/** Sessions and sign-in: thin, each calls its service. */
export const SessionMutation: MutationResolvers = {
  startSession(_, { transport }, context) {
    requireSession(context);
    return context.sessionService.start(context, transport ?? 'COOKIE');
  },
  signUp(_, { input }, context) {
    requireSession(context);
    return context.accounts.signUp(context, input);
  },
  signIn(_, { input }, context) {
    requireSession(context);
    return context.accounts.signIn(context, input);
  },
  signOut(_, __, context) {
    return context.sessionService.signOut(context, requireSession(context));
  },
  signOutEverywhere(_, __, context) {
    return context.sessionService.signOutEverywhere(context, requireSession(context));
  },
  revokeSession(_, { id }, context) {
    const session = requireSession(context);
    requireCustomer(session);
    return context.sessionService.revoke(context, session, id);
  },
};
