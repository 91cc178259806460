import type { Logger } from '@shopgraph/shared';
import type { Mailer, MailMessage } from './mailer.js';

/** At most this many emails in flight per replica; past it new ones are dropped and logged. */
const MAX_IN_FLIGHT = 200;

/**
 * Sends account emails after the request has answered. A request that sends an email must
 * answer the same, and as fast, whether or not an email went out (a password reset for an
 * unknown address sends none), and an SMTP server that is slow or down must not fail a
 * sign-up. So the work is handed here; a failure is logged (the kind of email, never its
 * link) and the shopper asks again. `stop` waits for what is in flight, within a bound.
 */
export function createMailOutbox({ mailer, logger }: { mailer: Mailer; logger: Logger }) {
  const inFlight = new Set<Promise<void>>();
  return {
    /** Runs `prepare` (which may read and write the table) and sends what it returns, in the background. */
    later(kind: string, prepare: () => Promise<MailMessage | undefined>): void {
      if (inFlight.size >= MAX_IN_FLIGHT) {
        logger.warn({ kind }, 'too many emails in flight; this one was not sent');
        return;
      }
      const task = (async () => {
        const message = await prepare();
        if (message) await mailer.send(message);
      })()
        .catch((error: unknown) => logger.warn({ kind, err: { message: (error as Error).message } }, 'an account email could not be sent'))
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    },
    async stop(timeoutMs: number): Promise<void> {
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.allSettled([...inFlight]), bound]);
      clearTimeout(timer);
      await mailer.close();
    },
  };
}

export type MailOutbox = ReturnType<typeof createMailOutbox>;
