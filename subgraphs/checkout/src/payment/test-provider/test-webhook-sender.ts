import type { Logger } from '@shopgraph/shared';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PaymentEvent } from '../payment-provider.js';
import { signWebhook } from '../webhook-signature.js';
import { TEST_SIGNATURE_HEADER, webhookBody } from './test-webhook-format.js';

/** Attempts per event, and the first pause between them (doubled each time, capped): about 3 s in all. */
const MAX_ATTEMPTS = 5;
const FIRST_PAUSE_MS = 100;
const MAX_PAUSE_MS = 2_000;
/** One delivery attempt's budget. */
const ATTEMPT_TIMEOUT_MS = 5_000;

export interface TestWebhookSender {
  /** Queues the events for delivery, in this order, after the ones queued before for the same order. Never throws. */
  send(events: readonly PaymentEvent[]): void;
  /** Stops retrying, aborts deliveries in flight and waits for them to end. */
  stop(): Promise<void>;
}

/**
 * Delivers the test provider's webhooks as a real provider does: asynchronously, signed with a
 * fresh timestamp per attempt, retried with backoff on anything but a 2xx, a bounded number of
 * times. A delivery still queued when the process stops is lost, as when a provider gives up:
 * recovery's `lookup` still finds the payment.
 */
export function createTestWebhookSender({ target, secret, logger }: { target: () => string | undefined; secret: string; logger: Logger }): TestWebhookSender {
  const stopping = new AbortController();
  // One queue per order: an order's events go out in sequence, a failing endpoint for one order delays no other.
  const queues = new Map<string, Promise<void>>();

  async function deliver(event: PaymentEvent): Promise<void> {
    const body = webhookBody(event);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && !stopping.signal.aborted; attempt++) {
      const url = target();
      if (!url) return;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TEST_SIGNATURE_HEADER]: signWebhook(body, secret) },
          body,
          signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
        });
        await response.body?.cancel();
        if (response.ok) return;
        logger.warn({ eventId: event.id, type: event.type, status: response.status, attempt }, 'test payments: webhook refused; retrying');
      } catch (error) {
        if (stopping.signal.aborted) return;
        logger.warn({ eventId: event.id, type: event.type, attempt, err: { message: (error as Error).message } }, 'test payments: webhook not delivered; retrying');
      }
      if (attempt < MAX_ATTEMPTS) await sleep(Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (attempt - 1)), undefined, { signal: stopping.signal }).catch(() => undefined);
    }
    if (!stopping.signal.aborted) logger.warn({ eventId: event.id, type: event.type }, 'test payments: webhook given up after its retries');
  }

  return {
    send(events) {
      const orderId = events[0]?.orderId;
      if (stopping.signal.aborted || orderId === undefined) return;
      const queued = (queues.get(orderId) ?? Promise.resolve()).then(async () => {
        for (const event of events) await deliver(event);
      });
      queues.set(orderId, queued);
      void queued.finally(() => {
        if (queues.get(orderId) === queued) queues.delete(orderId);
      });
    },
    async stop() {
      stopping.abort();
      await Promise.all(queues.values());
    },
  };
}
