import type { Logger } from '@shopgraph/shared';
import type { SessionRevocations } from '@shopgraph/shared/server';
import type { CustomerSessions } from '../store/customer-sessions.js';
import type { PendingRevocation, PendingRevocations } from '../store/pending-revocations.js';
import type { UnexpiredRevocations } from '../store/revocation-scan.js';
import { publishMarkOf } from './session-ending.js';

/**
 * Keeps Redis's revocations and customers' marks complete, and its marker honest. Every
 * `intervalMs`:
 * - what was noted as pending (its Redis write failed, or is still under way) is written to
 *   Redis and its note cleared: a note's revoked sessions, and its customer's mark as the
 *   table holds it now;
 * - when the marker is missing (Redis restarted empty, failed over, evicted it, or it lapsed),
 *   every unexpired revocation and mark is copied back from identity's table;
 * - only then, with nothing left pending, is the marker set again, for `markerTtlSeconds`, and
 *   only if Redis still holds what the round found: the marker, or the key the copy began with.
 *   A Redis that loses its data in the middle of a round is not vouched for by its end.
 * So the marker never outlives an entry it vouches for by more than its TTL: while one
 * cannot be written (Redis down, or full and refusing writes), gateways ask identity instead
 * of trusting Redis.
 */
export function createRevocationSync({
  pending,
  customerSessions,
  unexpired,
  revocations,
  logger,
  intervalMs,
  markerTtlSeconds,
}: {
  pending: PendingRevocations;
  customerSessions: CustomerSessions;
  /** The table's unexpired revocations and marks, a page at a time (a full scan). */
  unexpired: (now: Date) => AsyncIterable<UnexpiredRevocations>;
  revocations: SessionRevocations;
  logger: Logger;
  intervalMs: number;
  markerTtlSeconds: number;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const remainingSeconds = (expiresAt: number, now: Date) => expiresAt - Math.floor(now.getTime() / 1000);

  async function publish(note: PendingRevocation, now: Date): Promise<boolean> {
    const revoked = await revocations.revoke(note.sessionIds, remainingSeconds(note.expiresAt, now));
    const marked = note.customerId ? await publishMarkOf({ customerSessions, revocations }, note.customerId, now) : true;
    return revoked && marked;
  }

  /** True when everything pending is now in Redis. */
  async function publishPending(now: Date): Promise<boolean> {
    const notes = await pending.list(now);
    let published = true;
    for (const note of notes) {
      if (await publish(note, now)) await pending.clear(note.id);
      else published = false;
    }
    if (notes.length > 0) logger.info({ notes: notes.length, published }, 'pending revocations written to redis');
    return published;
  }

  async function restoreAll(now: Date): Promise<void> {
    let restored = 0;
    let marks = 0;
    for await (const page of unexpired(now)) {
      const written = await Promise.all([
        ...page.sessions.map(({ sessionId, expiresAt }) => revocations.revoke([sessionId], remainingSeconds(expiresAt, now))),
        ...page.marks.map(({ customerId, through, expiresAt }) => revocations.endSessionsThrough(customerId, through, remainingSeconds(expiresAt, now))),
      ]);
      if (written.includes(false)) throw new Error('redis refused a revocation while restoring');
      restored += page.sessions.length;
      marks += page.marks.length;
    }
    logger.info({ restored, marks }, 'revocations restored to redis');
  }

  async function sync(): Promise<void> {
    const complete = await revocations.isComplete();
    // Redis does not answer: nothing can be written, and readers already ask identity.
    if (complete === undefined) return;
    const now = new Date();
    const published = await publishPending(now);
    let restore: string | undefined;
    if (!complete) {
      // Outlives a slow copy: it only has to be there when the copy ends.
      restore = await revocations.beginRestore(markerTtlSeconds + 3_600);
      await restoreAll(now);
    }
    if (published && !(await revocations.markComplete(markerTtlSeconds, restore))) {
      logger.warn('redis changed under the revocation sync (it lost its data, or another replica restored it); looking again next round');
    }
  }

  const check = () => {
    running ??= sync()
      .catch((error: unknown) => logger.warn({ err: { message: (error as Error).message } }, 'could not bring redis revocations up to date; will retry'))
      .finally(() => (running = undefined));
    return running;
  };

  return {
    start(): void {
      void check();
      timer = setInterval(() => void check(), intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
}
