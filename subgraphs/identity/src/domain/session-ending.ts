import type { Role } from '@shopgraph/shared';
import type { SessionRevocations } from '@shopgraph/shared/server';
import type { CustomerChange, CustomerSessions } from '../store/customer-sessions.js';
import type { PendingRevocations } from '../store/pending-revocations.js';
import type { SessionRepository } from '../store/session-repository.js';

export interface SessionEndingDeps {
  sessions: SessionRepository;
  customerSessions: CustomerSessions;
  pending: PendingRevocations;
  revocations: SessionRevocations;
  lifetimeSeconds: number;
}

/**
 * Writes the customer's mark, as the table holds it now, to Redis: true once Redis has it, or
 * when there is none. The table's is the latest (a mark only rises), so this never writes one
 * older than a mark the note it serves stands for.
 */
export async function publishMarkOf(
  { customerSessions, revocations }: Pick<SessionEndingDeps, 'customerSessions' | 'revocations'>,
  customerId: string,
  now: Date,
): Promise<boolean> {
  const ended = await customerSessions.endedOf(customerId);
  if (!ended) return true;
  return revocations.endSessionsThrough(customerId, ended.through, ended.expiresAt - Math.floor(now.getTime() / 1000));
}

/**
 * Ends sessions in identity's table and in Redis. A note that the ending must reach Redis is
 * written first (or in the same transaction as a mark), then the durable record (what a
 * gateway reads when Redis cannot vouch), then Redis, and the note goes once Redis has it. So
 * if the Redis write fails (or this process dies), the revocation sync still writes it, and
 * meanwhile lets Redis's completeness marker lapse. Each operation answers whether Redis has
 * it, and is safe to repeat.
 */
export function createSessionEnding(deps: SessionEndingDeps) {
  const expiresAt = (now: Date) => Math.floor(now.getTime() / 1000) + deps.lifetimeSeconds;

  async function published(noteId: string, write: () => Promise<boolean>): Promise<boolean> {
    if (!(await write())) {
      // Should Redis still take a delete (a full Redis does), gateways stop trusting it at
      // once rather than when the marker lapses.
      await deps.revocations.withdrawComplete();
      return false;
    }
    // Left behind, the note only makes the sync write this once more.
    await deps.pending.clear(noteId).catch(() => undefined);
    return true;
  }

  return {
    /** These sessions, one by one: a sign-out, a revoked session, the session a sign-in replaced. */
    async revoke(sessionIds: readonly string[], now: Date): Promise<boolean> {
      const note = await deps.pending.note({ sessionIds }, expiresAt(now));
      await deps.sessions.revoke(sessionIds, now);
      return published(note, () => deps.revocations.revoke(sessionIds, deps.lifetimeSeconds));
    },

    /**
     * Every session the customer has signed in so far, by one mark: the same few writes for
     * one session or ten thousand. Throws StoreBusyError when another write got in the way.
     */
    async endAll(customerId: string, now: Date): Promise<boolean> {
      const marked = await deps.customerSessions.endAll(customerId, now, expiresAt(now));
      if (!marked) return true;
      return published(marked.noteId, () => publishMarkOf(deps, customerId, now));
    },

    /**
     * Changes the role and ends every session signed in so far, in one transaction (see
     * CustomerSessions.changeRole). 'conflict' when the role was no longer `from`.
     */
    async changeRole(customerId: string, change: { from: Role; to: Role }, now: Date): Promise<{ published: boolean } | 'conflict'> {
      const marked = await deps.customerSessions.changeRole(customerId, change, now, expiresAt(now));
      if (marked === 'conflict') return marked;
      return { published: await published(marked.noteId, () => publishMarkOf(deps, customerId, now)) };
    },

    /**
     * A credential change (a new password, and the link that allowed it) and the end of every
     * session signed in so far, in one transaction: an attacker's session cannot outlive the
     * password that let it in. `refused` when a condition failed: nothing was written.
     */
    async endAllWith(customerId: string, change: CustomerChange, now: Date): Promise<{ published: boolean } | { refused: 'customer' | 'alongside' }> {
      const marked = await deps.customerSessions.endAllWith(customerId, now, expiresAt(now), change);
      if ('refused' in marked) return marked;
      return { published: await published(marked.noteId, () => publishMarkOf(deps, customerId, now)) };
    },
  };
}

export type SessionEnding = ReturnType<typeof createSessionEnding>;
