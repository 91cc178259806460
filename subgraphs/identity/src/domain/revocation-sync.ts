import type { Logger } from '@shopgraph/shared';
import type { SessionRevocations } from '@shopgraph/shared/server';
import type { SessionRepository } from '../store/session-repository.js';

/**
 * Keeps Redis's revocations complete. When the marker that vouches for them is missing (Redis
 * restarted empty, failed over, or evicted it), every unexpired revocation is copied back from
 * the session table and only then is the marker set again; until that moment gateways ask
 * identity instead of trusting Redis. Checked at start and every `intervalMs`.
 */
export function createRevocationSync({
  sessions,
  revocations,
  logger,
  intervalMs,
}: {
  sessions: SessionRepository;
  revocations: SessionRevocations;
  logger: Logger;
  intervalMs: number;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function restoreIfLost(): Promise<void> {
    if ((await revocations.isComplete()) !== false) return;
    const now = new Date();
    let restored = 0;
    for await (const page of sessions.revokedUnexpired(now)) {
      const written = await Promise.all(
        page.map(({ sessionId, expiresAt }) => revocations.revoke([sessionId], expiresAt - Math.floor(now.getTime() / 1000))),
      );
      if (written.includes(false)) throw new Error('redis refused a revocation while restoring');
      restored += page.length;
    }
    await revocations.markComplete();
    logger.info({ restored }, 'revocations restored to redis');
  }

  const check = () => {
    running ??= restoreIfLost()
      .catch((error: unknown) => logger.warn({ err: { message: (error as Error).message } }, 'could not restore revocations to redis; will retry'))
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
