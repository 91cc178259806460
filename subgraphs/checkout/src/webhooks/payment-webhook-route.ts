import type { Logger } from '@shopgraph/shared';
import type { Express, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { PaymentEventOutcome } from '../domain/apply-payment-event.js';
import { PaymentError, PaymentErrorCode } from '../errors.js';
import type { PaymentEvent, PaymentProvider } from '../payment/payment-provider.js';
import type { WebhookEventRepository } from '../store/webhook-event-repository.js';

export const PAYMENT_WEBHOOK_PATH = '/webhooks/payments';
/** Far above any provider event (Stripe's are a few kB); a larger body is refused unread. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * POST /webhooks/payments: the provider's signed events. The body is read raw and verified
 * before anything else; a bad signature is 400 and changes nothing. A verified event is
 * recorded by id (a repeat is answered 200 and changes nothing), then applied; every verified
 * event is answered 200, ignored ones included, or the provider would retry it for days. If
 * applying fails, the record is dropped and 500 asks the provider to deliver it again.
 */
export function paymentWebhookRoute(deps: {
  payments: PaymentProvider;
  events: WebhookEventRepository;
  apply: (event: PaymentEvent, requestId: string) => Promise<PaymentEventOutcome>;
  logger: Logger;
}) {
  return (app: Express): void => {
    app.post(PAYMENT_WEBHOOK_PATH, (req: Request, res: Response) => {
      const requestId = randomUUID();
      const logger = deps.logger.child({ requestId, provider: deps.payments.name });
      handle(req, requestId, logger).then(
        ({ status, body }) => res.status(status).json(body),
        (error: unknown) => {
          logger.error({ err: error }, 'payment webhook failed; the provider will deliver it again');
          res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
        },
      );
    });
  };

  async function handle(req: Request, requestId: string, logger: Logger): Promise<{ status: number; body: Record<string, unknown> }> {
    const raw = await readBody(req);
    if (!raw) return { status: 413, body: { error: 'PAYLOAD_TOO_LARGE' } };
    let parsed;
    try {
      parsed = await deps.payments.parseWebhook(raw, req.headers);
    } catch (error) {
      if (!(error instanceof PaymentError)) throw error;
      logger.warn({ code: error.code }, 'payment webhook refused');
      return { status: 400, body: { error: error.code } };
    }
    const eventId = parsed.kind === 'event' ? parsed.event.id : parsed.eventId;
    const type = parsed.kind === 'event' ? parsed.event.type : parsed.providerType;
    const orderId = parsed.kind === 'event' ? parsed.event.orderId : undefined;
    if (!(await deps.events.record({ provider: deps.payments.name, eventId, type, ...(orderId ? { orderId } : {}) }))) {
      logger.info({ eventId, type }, 'payment webhook: a repeat; nothing to do');
      return { status: 200, body: { received: true, outcome: 'duplicate' } };
    }
    if (parsed.kind === 'ignored') return { status: 200, body: { received: true, outcome: 'ignored' } };
    let outcome: PaymentEventOutcome;
    try {
      outcome = await deps.apply(parsed.event, requestId);
    } catch (error) {
      await deps.events.forget(deps.payments.name, eventId);
      throw error;
    }
    const log = { eventId, type, orderId, outcome };
    if (outcome === 'unknown-order') logger.warn({ ...log, code: PaymentErrorCode.WEBHOOK_ORDER_UNKNOWN }, 'payment webhook for an order checkout does not know');
    else logger.info(log, 'payment webhook applied');
    return { status: 200, body: { received: true, outcome } };
  }
}

/** The body as received, or undefined past the limit. */
async function readBody(req: Request): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
