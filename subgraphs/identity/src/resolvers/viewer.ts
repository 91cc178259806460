import { codedError, ErrorCode, type Session } from '@shopgraph/shared';
import { requireSession } from '@shopgraph/shared/server';
import type { Customer as CustomerRecord } from '../domain/identity-types.js';
import type { QueryResolvers, ViewerResolvers } from '../generated/resolver-types.js';

/** The most sessions one Viewer.sessions lists. */
const MAX_SESSIONS_LISTED = 100;

/** What Query.viewer answers and Viewer's fields read (the generated types' mapper for Viewer). */
export interface ViewerParent {
  isAuthenticated: boolean;
  customer: CustomerRecord | null;
  session: Session;
}

export const ViewerQuery: QueryResolvers = {
  async viewer(_, __, context) {
    const session = requireSession(context);
    if (!session.customerId) return { isAuthenticated: false, customer: null, session };
    const customer = await context.customers.findById(session.customerId);
    return { isAuthenticated: customer !== undefined, customer: customer ?? null, session };
  },
};

export const Viewer: ViewerResolvers = {
  /** Listed only when asked for, and at most `first`: a customer may have thousands of sessions. */
  async sessions({ customer, session }, { first }, context) {
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
};
