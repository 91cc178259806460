import type Stripe from 'stripe';
import type { Money } from '../../domain/order.js';
import type { PaymentEvent, PaymentEventType, PaymentResult, PaymentTransaction, WebhookParseResult } from '../payment-provider.js';

/** The PaymentIntent metadata key holding the order id: how lookups and webhooks find their order. */
export const ORDER_ID_METADATA = 'order_id';
/** The Refund metadata key holding checkout's refund id (its idempotency key). */
export const REFUND_ID_METADATA = 'refund_id';

export const toStripeCurrency = (money: Money) => money.currencyCode.toLowerCase();
const money = (amount: number, currency: string): Money => ({ amount, currencyCode: currency.toUpperCase() });

const DECLINED = 'The payment was declined.';

/** A PaymentIntent's status as `authorize` and `confirm` answer it. */
export function resultOfIntent(intent: Stripe.PaymentIntent): PaymentResult {
  const paymentReference = intent.id;
  switch (intent.status) {
    case 'succeeded':
      return { status: 'captured', paymentReference, amount: money(intent.amount_received, intent.currency) };
    case 'requires_capture':
      return { status: 'authorized', paymentReference, amount: money(intent.amount_capturable, intent.currency) };
    case 'requires_action': {
      const redirectUrl = intent.next_action?.redirect_to_url?.url ?? undefined;
      return { status: 'requires_action', paymentReference, action: { ...(intent.client_secret ? { clientSecret: intent.client_secret } : {}), ...(redirectUrl ? { redirectUrl } : {}) } };
    }
    case 'requires_payment_method':
      // After a confirmation attempt this status means the attempt failed.
      return { status: 'declined', paymentReference, reason: intent.last_payment_error?.message ?? DECLINED };
    case 'canceled':
      return { status: 'declined', paymentReference, reason: 'The payment was cancelled.' };
    default:
      // processing, requires_confirmation: accepted, not settled.
      return { status: 'pending', paymentReference };
  }
}

/** A PaymentIntent and its refunds as typed transactions, for `lookup`. */
export function transactionsOf(intent: Stripe.PaymentIntent, refunds: readonly Stripe.Refund[]): PaymentTransaction[] {
  const amount = money(intent.amount, intent.currency);
  const failureReason = intent.last_payment_error?.message ?? undefined;
  const authorization = (status: PaymentTransaction['status']): PaymentTransaction => ({
    type: 'authorization',
    status,
    amount,
    providerReference: intent.id,
    ...(status === 'failed' ? { failureReason: failureReason ?? DECLINED } : {}),
  });
  const transactions: PaymentTransaction[] = [];
  switch (intent.status) {
    case 'succeeded':
      transactions.push(authorization('succeeded'), { type: 'capture', status: 'succeeded', amount: money(intent.amount_received, intent.currency), providerReference: chargeId(intent) });
      break;
    case 'requires_capture':
      transactions.push(authorization('succeeded'));
      break;
    case 'requires_action':
      transactions.push(authorization('requires_action'));
      break;
    case 'requires_payment_method':
      transactions.push(authorization(failureReason ? 'failed' : 'pending'));
      break;
    case 'canceled':
      transactions.push(authorization(failureReason ? 'failed' : 'succeeded'), { type: 'void', status: 'succeeded', amount, providerReference: intent.id });
      break;
    default:
      transactions.push(authorization('pending'));
  }
  for (const refund of refunds) {
    const refundId = refund.metadata?.[REFUND_ID_METADATA];
    transactions.push({
      type: 'refund',
      status: refund.status === 'succeeded' ? 'succeeded' : refund.status === 'failed' || refund.status === 'canceled' ? 'failed' : 'pending',
      amount: money(refund.amount, refund.currency),
      providerReference: refund.id,
      ...(refundId ? { idempotencyKey: refundId } : {}),
    });
  }
  return transactions;
}

export function chargeId(intent: Stripe.PaymentIntent): string {
  const charge = intent.latest_charge;
  return typeof charge === 'string' ? charge : (charge?.id ?? intent.id);
}

const INTENT_EVENTS: Partial<Record<string, PaymentEventType>> = {
  'payment_intent.succeeded': 'payment.captured',
  'payment_intent.amount_capturable_updated': 'payment.authorized',
  'payment_intent.requires_action': 'payment.requires_action',
  'payment_intent.processing': 'payment.processing',
  'payment_intent.payment_failed': 'payment.failed',
  'payment_intent.canceled': 'payment.voided',
};

/**
 * A verified Stripe event in checkout's terms. Events of other types, and objects shopgraph
 * did not create (no order id in their metadata), are ignored: answered 200, acted on never.
 */
export function eventOf(event: Stripe.Event): WebhookParseResult {
  const ignored: WebhookParseResult = { kind: 'ignored', eventId: event.id, providerType: event.type };
  const occurredAt = new Date(event.created * 1000).toISOString();
  const intentType = INTENT_EVENTS[event.type];
  if (intentType) {
    const intent = event.data.object as Stripe.PaymentIntent;
    const orderId = intent.metadata?.[ORDER_ID_METADATA];
    if (!orderId) return ignored;
    const base: PaymentEvent = { id: event.id, type: intentType, orderId, paymentReference: intent.id, occurredAt };
    switch (intentType) {
      case 'payment.captured':
        return { kind: 'event', event: { ...base, amount: money(intent.amount_received, intent.currency) } };
      case 'payment.authorized':
        return { kind: 'event', event: { ...base, amount: money(intent.amount_capturable, intent.currency) } };
      case 'payment.failed':
        return { kind: 'event', event: { ...base, reason: intent.last_payment_error?.message ?? DECLINED } };
      default:
        return { kind: 'event', event: base };
    }
  }
  if (event.type === 'refund.created' || event.type === 'refund.updated') {
    const refund = event.data.object;
    const orderId = refund.metadata?.[ORDER_ID_METADATA];
    const paymentReference = typeof refund.payment_intent === 'string' ? refund.payment_intent : refund.payment_intent?.id;
    // Only a refund that went through is news; pending and failed ones are read through lookup.
    if (!orderId || !paymentReference || refund.status !== 'succeeded') return ignored;
    const refundId = refund.metadata?.[REFUND_ID_METADATA];
    return {
      kind: 'event',
      event: { id: event.id, type: 'payment.refunded', orderId, paymentReference, occurredAt, amount: money(refund.amount, refund.currency), ...(refundId ? { refundId } : {}) },
    };
  }
  return ignored;
}
