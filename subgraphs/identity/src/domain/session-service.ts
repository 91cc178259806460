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
import type { SessionRevocations, SubgraphContext } from '@shopgraph/shared/server';
import type { CustomerRepository } from '../store/customer-repository.js';
import type { SessionRepository } from '../store/session-repository.js';
import type { Customer } from './identity-types.js';

export type Transport = 'COOKIE' | 'BEARER';

export interface SessionServiceDeps {
  customers: CustomerRepository;
  sessions: SessionRepository;
  revocations: SessionRevocations;
  codec: SessionTokenCodec;
  lifetimeSeconds: number;
}

/**
 * A customer item lists at most this many session ids beyond its live sessions: past it, a
 * sign-in drops the ids of sessions that ended without a sign-out.
 */
const PRUNE_SESSION_IDS_ABOVE = 50;

/**
 * At most this many ids travel in a session change (the header has a size limit the gateway
 * enforces); the current session comes first. Further sessions a sign-out everywhere ended are
 * refused by the gateway that ran it, as by every other, once its short "not revoked" cache
 * lapses (SESSION_ACTIVE_CACHE_MS), and by Redis at once.
 */
const ANNOUNCED_SESSION_IDS = 100;

export interface SignedIn {
  customer: Customer | null;
  sessionToken: string | null;
  errors: UserError[];
}

/**
 * Starting, replacing and ending sessions. Every change is stated to the gateway through a
 * response header, since only the gateway can set the client's cookie.
 */
export function createSessionService(deps: SessionServiceDeps) {
  const announce = (context: SubgraphContext, change: SessionChange) =>
    context.responseHeaders.set(HEADER_SESSION_CHANGE, encodeSessionChange(change));

  /**
   * Ends sessions in the table and in Redis. A note of the revocation is written first, so
   * that if the Redis write fails (or this process dies) the revocation sync still writes it,
   * and meanwhile lets Redis's completeness marker lapse; the note goes once Redis has it.
   * Safe to repeat: a retry of an ended session writes Redis again.
   */
  async function revokeEverywhere(sessionIds: string[], now: Date): Promise<void> {
    const note = await deps.sessions.notePendingRevocation(sessionIds, Math.floor(now.getTime() / 1000) + deps.lifetimeSeconds);
    // The durable record next: it is what a gateway reads when Redis cannot vouch.
    await deps.sessions.revoke(sessionIds, now);
    if (!(await deps.revocations.revoke(sessionIds, deps.lifetimeSeconds))) {
      // Should Redis still take a delete, gateways stop trusting it at once rather than when
      // the marker lapses.
      await deps.revocations.withdrawComplete();
      throw codedError(ErrorCode.SERVICE_UNAVAILABLE, 'The session could not be ended everywhere just now; try again.');
    }
    // Left behind, the note only makes the sync write these revocations once more.
    await deps.sessions.clearPendingRevocation(note).catch(() => undefined);
  }

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
     * revoked at once (no fixation), and its guest cart is handed to the customer's.
     */
    async signIn(context: SubgraphContext, customer: Customer, transport: Transport, now = new Date()): Promise<SignedIn> {
      const previous = context.session;
      const guestSessionId = previous && !previous.customerId ? previous.sessionId : undefined;
      // The token names the guest session until the gateway has handed its cart over, so a
      // hand-over that fails now is completed by a later request of this session.
      const session: Session = { sessionId: newSessionId(), customerId: customer.id, role: customer.role, ...(guestSessionId ? { mergeFromSessionId: guestSessionId } : {}) };
      const createdAt = now.toISOString();
      const expiresAt = Math.floor(now.getTime() / 1000) + deps.lifetimeSeconds;
      await deps.sessions.create({
        sessionId: session.sessionId,
        customerId: customer.id,
        createdAt,
        lastSeenAt: createdAt,
        expiresAt,
        ...(context.userAgent ? { userAgent: context.userAgent } : {}),
      });
      await deps.sessions.pruneEnded(customer.id, PRUNE_SESSION_IDS_ABOVE, now);
      if (previous) {
        if (!previous.customerId) {
          await deps.sessions.create({ sessionId: previous.sessionId, createdAt, lastSeenAt: createdAt, expiresAt, revokedAt: createdAt }).catch(() => undefined);
        }
        await revokeEverywhere([previous.sessionId], now);
      }
      const revokedSessionIds = previous ? [previous.sessionId] : [];
      const token = await deps.codec.encode(session, deps.lifetimeSeconds, now);
      announce(context, {
        kind: 'started',
        sessionId: session.sessionId,
        customerId: customer.id,
        ...(transport === 'COOKIE' ? { cookieToken: token } : {}),
        ...(guestSessionId ? { previousSessionId: guestSessionId } : {}),
        revokedSessionIds,
      });
      return { customer, sessionToken: transport === 'BEARER' ? token : null, errors: [] };
    },

    async signOut(context: SubgraphContext, session: Session): Promise<boolean> {
      await revokeEverywhere([session.sessionId], new Date());
      if (session.customerId) await deps.sessions.forgetSessions(session.customerId, [session.sessionId]);
      announce(context, { kind: 'ended', revokedSessionIds: [session.sessionId] });
      return true;
    },

    async signOutEverywhere(context: SubgraphContext, session: Session): Promise<boolean> {
      const customerId = requireCustomer(session);
      const ids = [...new Set([session.sessionId, ...(await deps.sessions.sessionIdsOf(customerId))])];
      await revokeEverywhere(ids, new Date());
      await deps.sessions.forgetSessions(customerId, ids);
      announce(context, { kind: 'ended', revokedSessionIds: ids.slice(0, ANNOUNCED_SESSION_IDS) });
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
      await revokeEverywhere([sessionId], new Date());
      await deps.sessions.forgetSessions(customerId, [sessionId]);
      announce(context, { kind: sessionId === session.sessionId ? 'ended' : 'revoked', revokedSessionIds: [sessionId] });
      return true;
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;

export function requireCustomer(session: Session): string {
  if (!session.customerId) throw codedError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  return session.customerId;
}


