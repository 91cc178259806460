import { z } from 'zod';
import { PaymentError, PaymentErrorCode } from '../../errors.js';
import type { PaymentEvent, PaymentEventType, WebhookParseResult } from '../payment-provider.js';
import { verifyWebhookSignature } from '../webhook-signature.js';

/** The header the test provider signs its webhooks in (Stripe's scheme, its own name). */
export const TEST_SIGNATURE_HEADER = 'x-test-payments-signature';

const EVENT_TYPES = [
  'payment.authorized',
  'payment.captured',
  'payment.requires_action',
  'payment.processing',
  'payment.failed',
  'payment.capture_failed',
  'payment.voided',
  'payment.refunded',
] as const satisfies readonly PaymentEventType[];

const money = z.object({ amount: z.number().int(), currencyCode: z.string().regex(/^[A-Z]{3}$/) });
const envelope = z.object({ id: z.string().min(1).max(255), type: z.string().min(1).max(100) });
const body = envelope.extend({
  type: z.enum(EVENT_TYPES),
  created: z.iso.datetime(),
  data: z.object({
    orderId: z.string().min(1).max(255),
    paymentReference: z.string().min(1).max(255),
    amount: money.optional(),
    reason: z.string().max(500).optional(),
    refundId: z.string().max(255).optional(),
  }),
});

/** The JSON body the test provider posts for an event. */
export function webhookBody(event: PaymentEvent): string {
  const { id, type, occurredAt, ...data } = event;
  return JSON.stringify({ id, type, created: occurredAt, data });
}

/** Signature first, then the body: nothing of an unverified body is read. */
export function parseTestWebhook(rawBody: Buffer, signature: string | undefined, secret: string): WebhookParseResult {
  if (!verifyWebhookSignature(rawBody, signature, secret)) {
    throw new PaymentError(PaymentErrorCode.WEBHOOK_SIGNATURE_INVALID, 'the webhook signature does not verify');
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new PaymentError(PaymentErrorCode.PAYMENT_PROVIDER_REJECTED, 'the webhook body is not JSON');
  }
  const head = envelope.safeParse(json);
  if (!head.success) throw new PaymentError(PaymentErrorCode.PAYMENT_PROVIDER_REJECTED, 'the webhook body is not an event');
  if (!(EVENT_TYPES as readonly string[]).includes(head.data.type)) return { kind: 'ignored', eventId: head.data.id, providerType: head.data.type };
  const parsed = body.safeParse(json);
  if (!parsed.success) throw new PaymentError(PaymentErrorCode.PAYMENT_PROVIDER_REJECTED, `the ${head.data.type} event is malformed`);
  const { id, type, created, data } = parsed.data;
  return { kind: 'event', event: { id, type, occurredAt: created, ...data } };
}
