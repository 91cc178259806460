import type { Logger } from '../logger.js';

const DUPLICATE_SIGNAL_WINDOW_MS = 1_000;

/**
 * Wires SIGTERM and SIGINT to a graceful stop, for a service's main.ts. A second signal, or a
 * stop that overruns its budget, exits at once: an orchestrator's patience is finite.
 */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger, shutdownTimeoutMs: number): void {
  let stoppingSince: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stoppingSince !== undefined) {
      // One Ctrl-C or `timeout` can deliver the same signal twice (to the process and to its
      // group); only a deliberate second signal, a moment later, cuts the graceful stop short.
      if (Date.now() - stoppingSince < DUPLICATE_SIGNAL_WINDOW_MS) return;
      logger.warn({ signal }, 'second signal; exiting now');
      process.exit(1);
    }
    stoppingSince = Date.now();
    logger.info({ signal }, 'stopping');
    const deadline = setTimeout(() => {
      logger.error({ shutdownTimeoutMs }, 'stop overran its budget; exiting');
      process.exit(1);
    }, shutdownTimeoutMs + 2_000);
    deadline.unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** For main.ts: a bad start (config, port in use) logs one clear line and exits non-zero. */
export function exitOnStartFailure(error: unknown, service: string): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${service}: failed to start: ${message}\n`);
  process.exit(1);
}
