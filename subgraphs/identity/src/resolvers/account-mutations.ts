import { requireSession } from '@shopgraph/shared/server';
import type { IdentityContext } from '../context.js';
import type { Transport } from '../domain/session-service.js';

/** Recovering and changing an account's password and email: thin, each calls its service. */
export const AccountMutation = {
  requestPasswordReset(_: unknown, { email }: { email: string }, context: IdentityContext) {
    requireSession(context);
    return context.passwordReset.request(context, email);
  },

  resetPassword(_: unknown, { input }: { input: { token: string; newPassword: string; transport?: Transport | null } }, context: IdentityContext) {
    requireSession(context);
    return context.passwordReset.reset(context, input);
  },

  changePassword(_: unknown, { input }: { input: { currentPassword: string; newPassword: string; transport?: Transport | null } }, context: IdentityContext) {
    return context.credentialChanges.changePassword(context, requireSession(context), input);
  },

  changeEmail(_: unknown, { input }: { input: { newEmail: string; password: string } }, context: IdentityContext) {
    return context.credentialChanges.changeEmail(context, requireSession(context), input);
  },

  verifyEmail(_: unknown, { token }: { token: string }, context: IdentityContext) {
    requireSession(context);
    return context.emailVerification.verify(token);
  },

  resendVerificationEmail(_: unknown, __: unknown, context: IdentityContext) {
    return context.emailVerification.resend(context, requireSession(context));
  },
};
