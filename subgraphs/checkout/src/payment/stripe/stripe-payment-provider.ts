import Stripe from 'stripe';
import { PaymentError, PaymentErrorCode } from '../../errors.js';
import type { PaymentProvider, PaymentResult } from '../payment-provider.js';
import { SIGNATURE_TOLERANCE_SECONDS } from '../webhook-signature.js';
import { abortableFetch, withSignal } from './abortable-fetch.js';
import { fromStripeError } from './stripe-errors.js';
import { chargeId, eventOf, ORDER_ID_METADATA, REFUND_ID_METADATA, resultOfIntent, toStripeCurrency, transactionsOf } from './stripe-mapping.js';

export interface StripePaymentProviderOptions {
  secretKey: string;
  webhookSecret: string;
  /** Another API host (a local stand-in in tests); Stripe's own by default. */
  api?: { host: string; port: number; protocol: 'http' | 'https' };
}

/** Retries of a failed connection or 5xx inside one call: safe, every POST carries an idempotency key. */
const NETWORK_RETRIES = 1;
/** Refunds listed per lookup; an order with more is not one shopgraph makes. */
const REFUND_PAGE = 100;

/**
 * Stripe behind checkout's PaymentProvider: one PaymentIntent per order (idempotency key and
 * metadata `order_id` = the order id), card payments confirmed on creation, server-side
 * confirmation after 3-D Secure (`confirmation_method: manual`: the client runs Stripe.js
 * `handleNextAction` with the client secret, then checkout calls `confirm`), manual capture
 * when asked, partial captures and refunds, webhooks verified with `constructEventAsync` (its timing-safe signature check).
 */
export function createStripePaymentProvider({ secretKey, webhookSecret, api }: StripePaymentProviderOptions): PaymentProvider {
  const stripe = new Stripe(secretKey, {
    httpClient: Stripe.createFetchHttpClient(abortableFetch),
    maxNetworkRetries: NETWORK_RETRIES,
    telemetry: false,
    ...(api ? { host: api.host, port: api.port, protocol: api.protocol } : {}),
  });

  const call = async <T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> => {
    try {
      return await withSignal(signal, work);
    } catch (error) {
      throw fromStripeError(error);
    }
  };
  /** A card decline is an answer, not an error: the PaymentIntent exists, its attempt failed. */
  const declinedBy = (error: unknown): PaymentResult | undefined => {
    if (error instanceof Stripe.errors.StripeCardError) {
      return { status: 'declined', reason: error.message, ...(error.payment_intent ? { paymentReference: error.payment_intent.id } : {}) };
    }
    // A token Stripe does not know is the shopper's problem to fix, like a decline.
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.param === 'payment_method') return { status: 'declined', reason: 'The payment method is not valid.' };
    return undefined;
  };
  const retrieve = (id: string) => stripe.paymentIntents.retrieve(id);
  const ownIntent = async (orderId: string, paymentReference: string) => {
    const intent = await retrieve(paymentReference);
    if (intent.metadata?.[ORDER_ID_METADATA] !== orderId) throw new PaymentError(PaymentErrorCode.PAYMENT_NOT_FOUND, 'this PaymentIntent is not the order’s');
    return intent;
  };
  /** Oldest first (Stripe lists newest first), as lookup's transactions run. */
  const refundsOf = async (paymentIntent: string) => [...(await stripe.refunds.list({ payment_intent: paymentIntent, limit: REFUND_PAGE })).data].reverse();

  return {
    name: 'stripe',

    authorize: ({ orderId, amount, captureMode, paymentToken }, signal) =>
      call(signal, async () => {
        try {
          const intent = await stripe.paymentIntents.create(
            {
              amount: amount.amount,
              currency: toStripeCurrency(amount),
              capture_method: captureMode === 'manual' ? 'manual' : 'automatic',
              confirmation_method: 'manual',
              payment_method: paymentToken,
              allowed_payment_method_types: ['card'],
              confirm: true,
              metadata: { [ORDER_ID_METADATA]: orderId },
            },
            { idempotencyKey: orderId },
          );
          return resultOfIntent(intent);
        } catch (error) {
          const declined = declinedBy(error);
          if (declined) return declined;
          throw error;
        }
      }),

    confirm: ({ orderId, paymentReference }, signal) =>
      call(signal, async () => {
        const intent = await ownIntent(orderId, paymentReference);
        if (intent.status !== 'requires_confirmation') return resultOfIntent(intent);
        try {
          return resultOfIntent(await stripe.paymentIntents.confirm(intent.id));
        } catch (error) {
          const declined = declinedBy(error);
          if (declined) return declined;
          throw error;
        }
      }),

    capture: ({ orderId, paymentReference, amount }, signal) =>
      call(signal, async () => {
        const intent = await ownIntent(orderId, paymentReference);
        const wanted = amount?.amount ?? intent.amount_capturable;
        if (amount && toStripeCurrency(amount) !== intent.currency) throw new PaymentError(PaymentErrorCode.INVALID_PAYMENT_AMOUNT, 'the capture is in another currency than the payment');
        if (intent.status === 'succeeded' && intent.amount_received === wanted) {
          return { status: 'captured', amount: { amount: wanted, currencyCode: intent.currency.toUpperCase() }, transactionReference: chargeId(intent) };
        }
        if (intent.status !== 'requires_capture') throw new PaymentError(PaymentErrorCode.PAYMENT_INVALID_STATE, `a ${intent.status} PaymentIntent cannot be captured`);
        if (wanted <= 0) throw new PaymentError(PaymentErrorCode.INVALID_PAYMENT_AMOUNT, 'the capture must be a positive amount');
        if (wanted > intent.amount_capturable) {
          throw new PaymentError(PaymentErrorCode.CAPTURE_EXCEEDS_AUTHORIZED, `the capture (${wanted}) is above the authorised ${intent.amount_capturable}`);
        }
        try {
          const captured = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: wanted }, { idempotencyKey: `capture:${orderId}` });
          return { status: 'captured', amount: { amount: captured.amount_received, currencyCode: captured.currency.toUpperCase() }, transactionReference: chargeId(captured) };
        } catch (error) {
          if (error instanceof Stripe.errors.StripeCardError) return { status: 'declined', reason: error.message };
          throw error;
        }
      }),

    void: ({ orderId, paymentReference }, signal) =>
      call(signal, async () => {
        const intent = await ownIntent(orderId, paymentReference);
        if (intent.status === 'canceled') return { status: 'voided' };
        if (intent.status === 'succeeded') throw new PaymentError(PaymentErrorCode.PAYMENT_INVALID_STATE, 'a captured payment cannot be voided; refund it instead');
        await stripe.paymentIntents.cancel(intent.id, {}, { idempotencyKey: `void:${orderId}` });
        return { status: 'voided' };
      }),

    refund: ({ orderId, paymentReference, refundId, amount, reason }, signal) =>
      call(signal, async () => {
        const intent = await ownIntent(orderId, paymentReference);
        const refunds = await refundsOf(intent.id);
        const earlier = refunds.find((refund) => refund.metadata?.[REFUND_ID_METADATA] === refundId);
        if (earlier && earlier.amount !== amount.amount) throw new PaymentError(PaymentErrorCode.PAYMENT_IDEMPOTENCY_MISMATCH, 'this refund id was used for another amount');
        if (!earlier) {
          const refunded = refunds.filter((refund) => refund.status !== 'failed' && refund.status !== 'canceled').reduce((sum, refund) => sum + refund.amount, 0);
          const refundable = intent.status === 'succeeded' ? intent.amount_received - refunded : 0;
          if (toStripeCurrency(amount) !== intent.currency || amount.amount > refundable) {
            throw new PaymentError(PaymentErrorCode.REFUND_EXCEEDS_CAPTURED, `the refund (${amount.amount}) is above the ${refundable} captured and not yet refunded`);
          }
        }
        const refund =
          earlier ??
          (await stripe.refunds.create(
            { payment_intent: intent.id, amount: amount.amount, metadata: { [ORDER_ID_METADATA]: orderId, [REFUND_ID_METADATA]: refundId, ...(reason ? { reason } : {}) } },
            { idempotencyKey: `refund:${refundId}` },
          ));
        if (refund.status === 'failed' || refund.status === 'canceled') throw new PaymentError(PaymentErrorCode.PAYMENT_PROVIDER_REJECTED, `Stripe: the refund ${refund.status}`);
        return { status: refund.status === 'succeeded' ? 'refunded' : 'pending', amount: { amount: refund.amount, currencyCode: refund.currency.toUpperCase() }, transactionReference: refund.id };
      }),

    lookup: (orderId, signal) =>
      call(signal, async () => {
        // Search by metadata: the one way to find a PaymentIntent whose create call's answer
        // was lost. Stripe's search index trails writes by up to a minute, which recovery's
        // pending timeout (minutes) leaves room for.
        const found = await stripe.paymentIntents.search({ query: `metadata['${ORDER_ID_METADATA}']:'${orderId.replaceAll("'", "\\'")}'`, limit: 10 });
        const intent = found.data.find((candidate) => candidate.metadata?.[ORDER_ID_METADATA] === orderId);
        if (!intent) return null;
        return { paymentReference: intent.id, transactions: transactionsOf(intent, await refundsOf(intent.id)) };
      }),

    async parseWebhook(rawBody, headers) {
      const signature = headers['stripe-signature'];
      let event: Stripe.Event;
      try {
        event = await stripe.webhooks.constructEventAsync(rawBody, Array.isArray(signature) ? (signature[0] ?? '') : (signature ?? ''), webhookSecret, SIGNATURE_TOLERANCE_SECONDS);
      } catch {
        // Stripe's message may describe the header; the caller needs only the code.
        throw new PaymentError(PaymentErrorCode.WEBHOOK_SIGNATURE_INVALID, 'the Stripe-Signature header does not verify');
      }
      return eventOf(event);
    },
  };
}
