import { randomBytes, randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripePaymentProvider } from '../src/payment/stripe/stripe-payment-provider.js';
import { FAKE_STRIPE_METHODS, startFakeStripeApi, stripeEventBody, type FakeStripeApi } from './support/fake-stripe-api.js';
import { describePaymentProviderContract } from './support/payment-provider-contract.js';

/** Made here, for this run only: the shapes Stripe checks, never a real key. */
const secretKey = `sk_test_${randomBytes(16).toString('hex')}`;
const webhookSecret = `whsec_${randomBytes(24).toString('base64url')}`;
const never = () => new AbortController().signal;

const signed = (body: string, options: { wrongSecret?: boolean; timestampSeconds?: number } = {}) => ({
  'stripe-signature': Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: options.wrongSecret ? `whsec_${randomBytes(24).toString('base64url')}` : webhookSecret,
    ...(options.timestampSeconds === undefined ? {} : { timestamp: options.timestampSeconds }),
  }),
});

describePaymentProviderContract('Stripe adapter (against a local stand-in for the API)', async () => {
  const fake = await startFakeStripeApi(secretKey);
  return {
    provider: createStripePaymentProvider({ secretKey, webhookSecret, api: fake.api }),
    tokens: {
      success: FAKE_STRIPE_METHODS.success,
      decline: FAKE_STRIPE_METHODS.decline,
      error: FAKE_STRIPE_METHODS.apiError,
      hang: FAKE_STRIPE_METHODS.slow,
      threeDSecure: FAKE_STRIPE_METHODS.threeDSecure,
      pending: FAKE_STRIPE_METHODS.processing,
      captureDeclined: FAKE_STRIPE_METHODS.captureDeclined,
    },
    completeAction: async (paymentReference) => fake.completeAction(paymentReference),
    webhooks: {
      capturedBody: (orderId, paymentReference, amount) =>
        stripeEventBody('payment_intent.succeeded', {
          id: paymentReference,
          object: 'payment_intent',
          amount: amount.amount,
          amount_received: amount.amount,
          amount_capturable: 0,
          currency: amount.currencyCode.toLowerCase(),
          status: 'succeeded',
          metadata: { order_id: orderId },
        }),
      unknownTypeBody: () => stripeEventBody('customer.created', { id: `cus_${randomBytes(6).toString('hex')}`, object: 'customer' }),
      sign: signed,
    },
    stop: () => fake.stop(),
  };
});

describe('the Stripe adapter beyond the contract', () => {
  let fake: FakeStripeApi;
  beforeAll(async () => {
    fake = await startFakeStripeApi(secretKey);
  });
  afterAll(() => fake?.stop());
  const orderId = () => `ord_${randomUUID().replaceAll('-', '')}`;
  const amount = { amount: 2500, currencyCode: 'EUR' };

  it('when a PaymentIntent is created, then it carries the order id as idempotency key and metadata, manual confirmation and the capture mode', async () => {
    const provider = createStripePaymentProvider({ secretKey, webhookSecret, api: fake.api });
    const id = orderId();
    const result = await provider.authorize({ orderId: id, amount, captureMode: 'manual', paymentToken: FAKE_STRIPE_METHODS.success }, never());
    expect(result).toMatchObject({ status: 'authorized', amount });
    const lookup = await provider.lookup(id, never());
    expect(lookup?.transactions[0]).toMatchObject({ type: 'authorization', status: 'succeeded', amount });
  });

  it('when the API key is wrong, then PAYMENT_PROVIDER_REJECTED without the key in the message; the right key works', async () => {
    const wrongKey = `sk_test_${randomBytes(16).toString('hex')}`;
    const provider = createStripePaymentProvider({ secretKey: wrongKey, webhookSecret, api: fake.api });
    const failure = await provider.authorize({ orderId: orderId(), amount, captureMode: 'automatic', paymentToken: FAKE_STRIPE_METHODS.success }, never()).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'PAYMENT_PROVIDER_REJECTED' });
    expect(JSON.stringify(failure) + String(failure)).not.toContain(wrongKey);
    const good = createStripePaymentProvider({ secretKey, webhookSecret, api: fake.api });
    expect(await good.authorize({ orderId: orderId(), amount, captureMode: 'automatic', paymentToken: FAKE_STRIPE_METHODS.success }, never())).toMatchObject({ status: 'captured' });
  });

  it('when the payment method is unknown to Stripe, then declined; a payment_failed event is parsed with its reason', async () => {
    const provider = createStripePaymentProvider({ secretKey, webhookSecret, api: fake.api });
    expect(await provider.authorize({ orderId: orderId(), amount, captureMode: 'automatic', paymentToken: 'pm_made_up' }, never())).toMatchObject({
      status: 'declined',
      reason: 'The payment method is not valid.',
    });
    const id = orderId();
    const body = stripeEventBody('payment_intent.payment_failed', {
      id: 'pi_1',
      object: 'payment_intent',
      status: 'requires_payment_method',
      metadata: { order_id: id },
      last_payment_error: { message: 'Your card was declined.' },
    });
    expect(await provider.parseWebhook(Buffer.from(body), signed(body))).toMatchObject({ kind: 'event', event: { type: 'payment.failed', orderId: id, reason: 'Your card was declined.' } });
  });

  it('when a PaymentIntent event has no order id (not made by shopgraph), then it is ignored', async () => {
    const provider = createStripePaymentProvider({ secretKey, webhookSecret, api: fake.api });
    const body = stripeEventBody('payment_intent.succeeded', { id: 'pi_2', object: 'payment_intent', status: 'succeeded', amount_received: 100, currency: 'usd', metadata: {} });
    expect(await provider.parseWebhook(Buffer.from(body), signed(body))).toMatchObject({ kind: 'ignored', providerType: 'payment_intent.succeeded' });
  });
});
