import { HEADER_INTERNAL_CONTEXT, type InternalContextSigner, type Logger, type Session } from '@shopgraph/shared';
import type { SessionRevocations } from '@shopgraph/shared/server';
import { ExpiringCache } from './expiring-cache.js';

export interface SessionStatusDeps {
  revocations: SessionRevocations;
  signer: InternalContextSigner;
  /** identity's /internal/session-status, read only when Redis cannot answer. */
  identityStatusUrl: string;
  /**
   * How long a replica may reuse "not revoked" for a session without asking Redis again.
   * Revocations made through this replica take effect here at once (see forget); others
   * within this window, well inside the one-second promise.
   */
  activeCacheMs: number;
  timeoutMs?: number;
}

/**
 * Whether a session whose token verified is still live. The hot path is one Redis MGET; no
 * DynamoDB read. When Redis cannot answer (down, or it lost the revocations and identity has
 * not restored them yet), identity reads the durable record instead, and
 * the request goes on. If neither can answer, a signed-in session is refused (it may have
 * been revoked) while an anonymous one, which guards nothing, is kept.
 */
export function createSessionStatus({ revocations, signer, identityStatusUrl, activeCacheMs, timeoutMs = 1_500 }: SessionStatusDeps) {
  const active = new ExpiringCache<true>(50_000);

  async function isActive(session: Session, requestId: string, logger: Logger): Promise<boolean> {
    if (active.get(session.sessionId)) return true;
    const revoked = await revocations.isRevoked(session.sessionId);
    if (revoked === false && activeCacheMs > 0) active.set(session.sessionId, true, Date.now() + activeCacheMs);
    if (revoked !== undefined) return !revoked;
    logger.warn('redis cannot vouch for revocations; checking the session record with identity');
    try {
      const response = await fetch(identityStatusUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HEADER_INTERNAL_CONTEXT]: await signer.sign({ session, requestId }) },
        body: '{}',
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`identity answered ${response.status}`);
      return ((await response.json()) as { active?: unknown }).active === true;
    } catch (error) {
      logger.error({ err: { message: (error as Error).message } }, 'session status unknown: neither redis nor identity answered');
      return !session.customerId;
    }
  }

  return {
    isActive,
    /** Sessions this replica just saw ended: no cached "active" may outlive that. */
    forget(sessionIds: readonly string[]): void {
      for (const sessionId of sessionIds) active.delete(sessionId);
    },
  };
}

export type SessionStatus = ReturnType<typeof createSessionStatus>;
