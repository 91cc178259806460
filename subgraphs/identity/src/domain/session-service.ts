import {
  codedError,
  encodeSessionChange,
  ErrorCode,
  HEADER_SESSION_CHANGE,
  newSessionId,
  type Session,
  type SessionChange,
  type SessionTokenCodec,
  type UserError,
} from '@shopgraph/shared';
import type { SubgraphContext } from '@shopgraph/shared/server';
import { StoreBusyError } from '../errors.js';
import type { CustomerSessions } from '../store/customer-sessions.js';
import type { SessionRepository } from '../store/session-repository.js';
import type { CartMergeReport } from './cart-merge-report.js';
import type { GuestHandOver } from './guest-hand-over.js';
import type { Customer, SessionRecord } from './identity-types.js';
import type { SessionEnding } from './session-ending.js';

export type Transport = 'COOKIE' | 'BEARER';

export interface SessionServiceDeps {
  sessions: SessionRepository;
  customerSessions: CustomerSessions;
  ending: SessionEnding;
  codec: SessionTokenCodec;
  lifetimeSeconds: number;
  /** Moves the guest session's cart and orders to the customer at sign-in. */
  handOverGuest: GuestHandOver;
}

export interface SignedIn {
  customer: Customer | null;
  sessionToken: string | null;
  errors: UserError[];
  /** What the sign-in did with the guest cart; absent when no guest session signed in. */
  cartMerge?: CartMergeReport;
}

/** The ending is in the table but not in Redis: the client is told to retry, and keeps its cookie. */
function notEndedEverywhere(): never {
  throw codedError(ErrorCode.SERVICE_UNAVAILABLE, 'The session could not be ended everywhere just now; try again.');
}

/**
 * Starting, replacing and ending sessions. Every change is stated to the gateway through a
 * response header, since only the gateway can set the client's cookie.
 */
export function createSessionService(deps: SessionServiceDeps) {
  const announce = (context: SubgraphContext, change: SessionChange) =>
    context.responseHeaders.set(HEADER_SESSION_CHANGE, encodeSessionChange(change));

  return {
    async start(context: SubgraphContext, transport: Transport): Promise<{ sessionToken: string | null; errors: UserError[] }> {
      // An anonymous session is only a token: no DynamoDB write until it holds state.
      const session: Session = { sessionId: newSessionId() };
      const token = await deps.codec.encode(session, deps.lifetimeSeconds);
      announce(context, { kind: 'started', sessionId: session.sessionId, ...(transport === 'COOKIE' ? { cookieToken: token } : {}) });
      return { sessionToken: transport === 'BEARER' ? token : null, errors: [] };
    },

    /**
     * Signs the request's session in to `customer` under a new session id. The old id is
     * revoked at once (no fixation), and its guest cart and orders are handed to the customer.
     */
    async signIn(context: SubgraphContext, customer: Customer, transport: Transport, now = new Date()): Promise<SignedIn> {
      const previous = context.session;
      const guestSessionId = previous && !previous.customerId ? previous.sessionId : undefined;
      // The role comes from the write that numbers the session, not from the read that checked
      // the password: a role changed in between is the one the token carries.
      const numbered = await deps.customerSessions.numberSignIn(customer.id);
      if (!numbered) throw new Error('the customer item is gone');
      const signedIn: Customer = { ...customer, role: numbered.role };
      // The token names the guest session, so a hand-over that fails now is completed by cart
      // or checkout on a later request of this session.
      const session: Session = {
        sessionId: newSessionId(),
        customerId: customer.id,
        role: numbered.role,
        signInNumber: numbered.signInNumber,
        // Every sign-in follows a password check (or a password set by sign-up or a reset link):
        // the moment a sensitive change measures "recent" from (recent-sign-in.ts).
        authTime: Math.floor(now.getTime() / 1000),
        ...(guestSessionId ? { mergeFromSessionId: guestSessionId } : {}),
      };
      const createdAt = now.toISOString();
      const expiresAt = Math.floor(now.getTime() / 1000) + deps.lifetimeSeconds;
      await deps.sessions.create({
        sessionId: session.sessionId,
        customerId: customer.id,
        createdAt,
        lastSeenAt: createdAt,
        expiresAt,
        signInNumber: numbered.signInNumber,
        ...(context.userAgent ? { userAgent: context.userAgent } : {}),
      });
      if (previous) {
        if (!previous.customerId) {
          await deps.sessions.create({ sessionId: previous.sessionId, createdAt, lastSeenAt: createdAt, expiresAt, revokedAt: createdAt }).catch(() => undefined);
        }
        if (!(await deps.ending.revoke([previous.sessionId], now))) notEndedEverywhere();
      }
      const revokedSessionIds = previous ? [previous.sessionId] : [];
      const token = await deps.codec.encode(session, deps.lifetimeSeconds, now);
      announce(context, {
        kind: 'started',
        sessionId: session.sessionId,
        customerId: customer.id,
        ...(transport === 'COOKIE' ? { cookieToken: token } : {}),
        revokedSessionIds,
      });
      const cartMerge = guestSessionId
        ? await deps.handOverGuest(context, { customerId: customer.id, sessionId: session.sessionId, guestSessionId })
        : undefined;
      return { customer: signedIn, sessionToken: transport === 'BEARER' ? token : null, errors: [], ...(cartMerge ? { cartMerge } : {}) };
    },

    async signOut(context: SubgraphContext, session: Session): Promise<boolean> {
      if (!(await deps.ending.revoke([session.sessionId], new Date()))) notEndedEverywhere();
      announce(context, { kind: 'ended', revokedSessionIds: [session.sessionId] });
      return true;
    },

    /**
     * Ends every session of the customer, this one included, by one mark: constant time
     * whatever their number. Only this session is named to the gateway; the gateway that ran
     * it drops its cached "active" for the customer's other sessions too.
     */
    async signOutEverywhere(context: SubgraphContext, session: Session): Promise<boolean> {
      const customerId = requireCustomer(session);
      const inRedis = await deps.ending.endAll(customerId, new Date()).catch((error: unknown) => {
        if (error instanceof StoreBusyError) notEndedEverywhere();
        throw error;
      });
      if (!inRedis) notEndedEverywhere();
      announce(context, { kind: 'ended', revokedSessionIds: [session.sessionId] });
      return true;
    },

    /**
     * Revokes one of the customer's own sessions; false for any other id, without saying why.
     * A session already revoked answers true and is written to Redis again: that is how a
     * retry after SERVICE_UNAVAILABLE completes.
     */
    async revoke(context: SubgraphContext, session: Session, sessionId: string): Promise<boolean> {
      const customerId = requireCustomer(session);
      const record = await deps.sessions.find(sessionId);
      if (!record || record.customerId !== customerId) return false;
      if (!(await deps.ending.revoke([sessionId], new Date()))) notEndedEverywhere();
      announce(context, { kind: sessionId === session.sessionId ? 'ended' : 'revoked', revokedSessionIds: [sessionId] });
      return true;
    },

    /**
     * The customer's newest `limit` live sessions, newest first: none that a mark ended, from the
     * moment it is set. `current` is listed last when it is live but not among them, so a device
     * always finds itself.
     */
    async list(customerId: string, limit: number, current: string): Promise<SessionRecord[]> {
      const newest = await deps.sessions.listActive(customerId, await deps.customerSessions.endedOf(customerId), limit);
      if (newest.some((record) => record.sessionId === current)) return newest;
      const own = await deps.sessions.find(current);
      return own && own.customerId === customerId && !own.revokedAt ? [...newest, own] : newest;
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;

export function requireCustomer(session: Session): string {
  if (!session.customerId) throw codedError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  return session.customerId;
}
