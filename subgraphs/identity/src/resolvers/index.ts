import { codedError, ErrorCode, type Session } from '@shopgraph/shared';
import { requireSession } from '@shopgraph/shared/server';
import type { IdentityContext } from '../context.js';
import type { Customer as CustomerRecord } from '../domain/identity-types.js';
import { requireCustomer, type Transport } from '../domain/session-service.js';
import { AccountMutation } from './account-mutations.js';
import { AddressMutation } from './address-mutations.js';
import { Customer } from './customer.js';

/** The most sessions one Viewer.sessions lists. */
const MAX_SESSIONS_LISTED = 100;

interface ViewerParent {
  isAuthenticated: boolean;
  customer: CustomerRecord | null;
  session: Session;
}

interface CredentialsInput {
  email: string;
  password: string;
  transport?: Transport | null;
}

export const resolvers = {
  Query: {
    async viewer(_: unknown, __: unknown, context: IdentityContext): Promise<ViewerParent> {
      const session = requireSession(context);
      if (!session.customerId) return { isAuthenticated: false, customer: null, session };
      const customer = await context.customers.findById(session.customerId);
      return { isAuthenticated: customer !== undefined, customer: customer ?? null, session };
    },
  },
  Viewer: {
    /** Listed only when asked for, and at most `first`: a customer may have thousands of sessions. */
    async sessions({ customer, session }: ViewerParent, { first }: { first: number }, context: IdentityContext) {
      if (!Number.isInteger(first) || first < 1 || first > MAX_SESSIONS_LISTED) {
        throw codedError(ErrorCode.BAD_USER_INPUT, `first must be between 1 and ${MAX_SESSIONS_LISTED}.`);
      }
      if (!customer) return [];
      const sessions = await context.sessionService.list(customer.id, first, session.sessionId);
      return sessions.map((record) => ({
        id: record.sessionId,
        current: record.sessionId === session.sessionId,
        createdAt: record.createdAt,
        lastSeenAt: record.lastSeenAt,
        userAgent: record.userAgent ?? null,
      }));
    },
  },
  Mutation: {
    ...AccountMutation,
    ...AddressMutation,
    startSession(_: unknown, { transport }: { transport?: Transport | null }, context: IdentityContext) {
      requireSession(context);
      return context.sessionService.start(context, transport ?? 'COOKIE');
    },
    signUp(_: unknown, { input }: { input: CredentialsInput & { name: string } }, context: IdentityContext) {
      requireSession(context);
      return context.accounts.signUp(context, input);
    },
    signIn(_: unknown, { input }: { input: CredentialsInput }, context: IdentityContext) {
      requireSession(context);
      return context.accounts.signIn(context, input);
    },
    signOut(_: unknown, __: unknown, context: IdentityContext) {
      return context.sessionService.signOut(context, requireSession(context));
    },
    signOutEverywhere(_: unknown, __: unknown, context: IdentityContext) {
      return context.sessionService.signOutEverywhere(context, requireSession(context));
    },
    revokeSession(_: unknown, { id }: { id: string }, context: IdentityContext) {
      const session = requireSession(context);
      requireCustomer(session);
      return context.sessionService.revoke(context, session, id);
    },
  },
  Customer,
};
