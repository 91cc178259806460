import type { Logger } from '@shopgraph/shared';
import type { SessionRevocations } from '@shopgraph/shared/server';
import type { SessionRepository } from '../store/session-repository.js';

/**
 * Keeps Redis's revocations complete, and its marker honest. Every `intervalMs`:
 * - revocations noted as pending (their Redis write failed, or is still under way) are
 *   written to Redis and their notes cleared;
 * - when the marker is missing (Redis restarted empty, failed over, evicted it, or it lapsed),
 *   every unexpired revocation is copied back from the session table;
 * - only then, with nothing left pending, is the marker set again, for `markerTtlSeconds`.
 * So the marker never outlives a revocation it vouches for by more than its TTL: while one
 * cannot be written, gateways ask identity instead of trusting Redis.
 */
export function createRevocationSync({
  sessions,
  revocations,
  logger,
  intervalMs,
  markerTtlSeconds,
}: {
  sessions: SessionRepository;
  revocations: SessionRevocations;
  logger: Logger;
  intervalMs: number;
  markerTtlSeconds: number;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const remainingSeconds = (expiresAt: number, now: Date) => expiresAt - Math.floor(now.getTime() / 1000);

  /** True when every pending revocation is now in Redis. */
  async function publishPending(now: Date): Promise<boolean> {
    const notes = await sessions.pendingRevocations(now);
    let published = true;
    for (const note of notes) {
      if (await revocations.revoke(note.sessionIds, remainingSeconds(note.expiresAt, now))) await sessions.clearPendingRevocation(note.id);
      else published = false;
    }
    if (notes.length > 0) logger.info({ notes: notes.length, published }, 'pending revocations written to redis');
    return published;
  }

  async function restoreAll(now: Date): Promise<void> {
    let restored = 0;
    for await (const page of sessions.revokedUnexpired(now)) {
      const written = await Promise.all(page.map(({ sessionId, expiresAt }) => revocations.revoke([sessionId], remainingSeconds(expiresAt, now))));
      if (written.includes(false)) throw new Error('redis refused a revocation while restoring');
      restored += page.length;
    }
    logger.info({ restored }, 'revocations restored to redis');
  }

  async function sync(): Promise<void> {
    const complete = await revocations.isComplete();
    // Redis does not answer: nothing can be written, and readers already ask identity.
    if (complete === undefined) return;
    const now = new Date();
    const published = await publishPending(now);
    if (!complete) await restoreAll(now);
    if (published) await revocations.markComplete(markerTtlSeconds);
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
