import { createLogThrottle, HEADER_INTERNAL_CONTEXT, type InternalContextSigner, type Logger, type Session } from '@shopgraph/shared';
import type { InternalClient, SessionRevocations } from '@shopgraph/shared/server';
import { ExpiringCache } from '@shopgraph/shared/server';

/**
 * - live: not revoked, or an anonymous session nobody could check (it guards nothing).
 * - ended: revoked, or identity says it is over.
 * - unverifiable: a signed-in session that neither Redis nor identity could vouch for just
 *   now; the request is refused with 503, and the client keeps its cookie to retry with.
 */
export type SessionState = 'live' | 'ended' | 'unverifiable';

export interface SessionStatusDeps {
  revocations: SessionRevocations;
  signer: InternalContextSigner;
  /** identity's /internal/session-status, read only when Redis cannot answer. */
  identityStatusUrl: string;
  /**
   * How long a replica may reuse "not revoked" for a session without asking Redis again
   * (at most 1,000 ms, by the gateway's config). Revocations made through this replica take
   * effect here at once (see forget); others within this window, inside the one-second promise.
   */
  activeCacheMs: number;
  /** The gateway's one client for identity (its timeout is IDENTITY_TIMEOUT_MS). */
  identity: InternalClient;
  /** At most one line per this long for each fallback warning, however many requests meet it. */
  logIntervalMs?: number;
  /** Told each time Redis could not answer: `identity` answered instead, or `none` did. */
  onRedisFallback?: (answeredBy: 'identity' | 'none') => void;
}

/**
 * Whether a session whose token verified is still live. The hot path is one Redis MGET (the
 * session's revocation, its customer's mark and the completeness marker); no DynamoDB read.
 * When Redis cannot answer (down, or it cannot vouch that it holds every revocation),
 * identity reads the durable record instead, and the request goes on.
 */
export function createSessionStatus({
  revocations,
  signer,
  identityStatusUrl,
  activeCacheMs,
  identity,
  logIntervalMs = 10_000,
  onRedisFallback = () => undefined,
}: SessionStatusDeps) {
  // "Not revoked" answers, with when Redis was asked (a customer-wide forget after that
  // moment must not be undone by an answer that was already on its way).
  const active = new ExpiringCache<{ customerId?: string; askedAt: number }>(50_000);
  // Customers whose sessions this replica saw ended, and when: an "active" asked for before
  // then no longer counts. Kept as long as such an answer could be.
  const customersEnded = new ExpiringCache<number>(50_000);
  // Redis down means every request takes the fallback: the log says so, not once per request.
  const fallbackLog = createLogThrottle(logIntervalMs);
  const unknownLog = createLogThrottle(logIntervalMs);

  function cachedActive(sessionId: string, now: number): boolean {
    const entry = active.get(sessionId, now);
    if (!entry) return false;
    const endedAt = entry.customerId ? customersEnded.get(entry.customerId, now) : undefined;
    return endedAt === undefined || endedAt < entry.askedAt;
  }

  async function stateOf(session: Session, requestId: string, logger: Logger): Promise<SessionState> {
    const askedAt = Date.now();
    if (cachedActive(session.sessionId, askedAt)) return 'live';
    const ended = await revocations.isEnded(session);
    if (ended === false && activeCacheMs > 0) {
      active.set(session.sessionId, { ...(session.customerId ? { customerId: session.customerId } : {}), askedAt }, askedAt + activeCacheMs);
    }
    if (ended !== undefined) return ended ? 'ended' : 'live';
    const fallback = fallbackLog.take();
    if (fallback) logger.warn(fallback, 'redis cannot vouch for revocations; checking the session record with identity');
    try {
      const answer = await identity.postJson<{ active?: unknown }>(identityStatusUrl, {}, {
        requestId,
        headers: { [HEADER_INTERNAL_CONTEXT]: await signer.sign({ session, requestId }, 'identity') },
      });
      onRedisFallback('identity');
      return answer.active === true ? 'live' : 'ended';
    } catch (error) {
      onRedisFallback('none');
      const unknown = unknownLog.take();
      if (unknown) logger.error({ err: { message: (error as Error).message }, ...unknown }, 'session status unknown: neither redis nor identity answered');
      return session.customerId ? 'unverifiable' : 'live';
    }
  }

  return {
    stateOf,
    /**
     * Sessions this replica just saw ended: no cached "active" may outlive that. Every cached
     * "active" of their customers goes too, since a sign-out everywhere or a role change names
     * only the session that asked for it while ending all the others (by a mark in Redis,
     * which this replica then reads). The cost is one more Redis read for a sibling session.
     */
    forget(sessionIds: readonly string[]): void {
      const now = Date.now();
      for (const sessionId of sessionIds) {
        const customerId = active.get(sessionId, now)?.customerId;
        active.delete(sessionId);
        if (customerId) customersEnded.set(customerId, now, now + activeCacheMs);
      }
    },
  };
}

export type SessionStatus = ReturnType<typeof createSessionStatus>;
