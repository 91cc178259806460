import type { Logger } from '@shopgraph/shared';
import { recoverOrders, type RecoveryDeps, type RecoveryReport } from '../domain/recover-orders.js';

export interface RecoveryLoop {
  /** Runs one pass now (start-up), then one every interval. Never throws. */
  start(): void;
  /** One pass, for tests and the loop itself; `now` lets tests skip the pending timeout. */
  runOnce(now?: Date): Promise<RecoveryReport>;
  /** Stops the timer and waits for a pass in flight. */
  stop(): Promise<void>;
}

/**
 * Every replica runs the loop; there is no leader to elect or lose, because each transition
 * the pass makes is conditional on the order's state (see recoverOrders).
 */
export function createRecoveryLoop(deps: RecoveryDeps & { intervalMs: number; logger: Logger }): RecoveryLoop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  const tick = () => {
    // One pass at a time on this replica: a slow pass is not stacked on by the next tick.
    running ??= recoverOrders(deps)
      .catch((error: Error) => deps.logger.warn({ err: { message: error.message } }, 'recovery pass failed; the next one retries'))
      .finally(() => {
        running = undefined;
      });
  };

  return {
    start() {
      tick();
      timer = setInterval(tick, deps.intervalMs);
      timer.unref();
    },
    runOnce: (now) => recoverOrders(deps, now),
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
