import { requireSession } from '@shopgraph/shared/server';
import type { MutationResolvers } from '../generated/resolver-types.js';

/** Recovering and changing an account's password and email: thin, each calls its service. */
export const AccountMutation: MutationResolvers = {
  requestPasswordReset(_, { email }, context) {
    requireSession(context);
    return context.passwordReset.request(context, email);
  },

  resetPassword(_, { input }, context) {
    requireSession(context);
    return context.passwordReset.reset(context, input);
  },

  changePassword(_, { input }, context) {
    return context.credentialChanges.changePassword(context, requireSession(context), input);
  },

  changeEmail(_, { input }, context) {
    return context.credentialChanges.changeEmail(context, requireSession(context), input);
  },

  verifyEmail(_, { token }, context) {
    requireSession(context);
    return context.emailVerification.verify(token);
  },

  resendVerificationEmail(_, __, context) {
    return context.emailVerification.resend(context, requireSession(context));
  },
};
