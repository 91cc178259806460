import { createLogger } from '@shopgraph/shared';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectLogLines } from '../../../test/support/log-lines.js';
import { createTestTables, type TestTables } from '../../../test/support/dynamo.js';
import { createTestPaymentProvider, type TestPaymentProvider } from '../src/payment/test-provider/test-payment-provider.js';
import { TEST_PAYMENT_TOKENS } from '../src/payment/test-provider/test-payment-tokens.js';
import { TEST_SIGNATURE_HEADER, webhookBody } from '../src/payment/test-provider/test-webhook-format.js';
import { signWebhook } from '../src/payment/webhook-signature.js';
import { describePaymentProviderContract } from './support/payment-provider-contract.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const amount = { amount: 1000, currencyCode: 'USD' };
const never = () => new AbortController().signal;
const orderId = () => `ord_${randomUUID().replaceAll('-', '')}`;

/** Tables and a webhook receiver for this file; each provider below gets its own secret. */
let tables: TestTables<'checkout'>;
let receiver: WebhookReceiver;
const started: TestPaymentProvider[] = [];
const logLines: Record<string, unknown>[] = [];

function provider(secret: string, webhookUrl: () => string | undefined = () => receiver.url): TestPaymentProvider {
  const created = createTestPaymentProvider({
    client: tables.client,
    tableName: tables.names.checkout,
    webhookSecret: secret,
    webhookUrl,
    settleDelayMs: 200,
    logger: createLogger({ service: 'test-payments', level: 'info', destination: collectLogLines(logLines) }),
  });
  started.push(created);
  return created;
}

beforeAll(async () => {
  tables = await createTestTables(['checkout'] as const);
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await Promise.all(started.map((p) => p.stop()));
  await receiver?.stop();
  await tables?.drop();
});

describePaymentProviderContract('test provider', async () => {
  const secret = randomBytes(32).toString('hex');
  const subject = provider(secret, () => undefined);
  const sign = (body: string, options: { wrongSecret?: boolean; timestampSeconds?: number } = {}) => ({
    [TEST_SIGNATURE_HEADER]: signWebhook(body, options.wrongSecret ? randomBytes(32).toString('hex') : secret, options.timestampSeconds),
  });
  return {
    provider: subject,
    tokens: {
      success: TEST_PAYMENT_TOKENS.success,
      decline: TEST_PAYMENT_TOKENS.decline,
      error: TEST_PAYMENT_TOKENS.error,
      hang: TEST_PAYMENT_TOKENS.timeout,
      threeDSecure: TEST_PAYMENT_TOKENS.threeDSecure,
      pending: TEST_PAYMENT_TOKENS.async,
      captureDeclined: TEST_PAYMENT_TOKENS.captureDeclined,
    },
    // The test provider's confirm stands for the shopper having acted.
    completeAction: async () => undefined,
    webhooks: {
      capturedBody: (id, paymentReference, money) =>
        webhookBody({ id: `evt_test_${randomUUID()}`, type: 'payment.captured', orderId: id, paymentReference, occurredAt: new Date().toISOString(), amount: money }),
      unknownTypeBody: () => JSON.stringify({ id: `evt_test_${randomUUID()}`, type: 'payment.disputed', created: new Date().toISOString(), data: {} }),
      sign,
    },
    stop: () => subject.stop(),
  };
});

describe('the test provider beyond the contract', () => {
  const eventsFor = (id: string) =>
    receiver.received.map((delivery) => JSON.parse(delivery.body) as { id: string; type: string; created: string; data: { orderId: string } }).filter((event) => event.data.orderId === id);

  it('when a second replica (or a restarted one) asks about a payment, then it sees it, and authorising again takes nothing more', async () => {
    const first = provider(randomBytes(32).toString('hex'));
    const replica = provider(randomBytes(32).toString('hex'));
    const id = orderId();
    const taken = await first.authorize({ orderId: id, amount, captureMode: 'automatic', paymentToken: TEST_PAYMENT_TOKENS.success }, never());
    expect(await replica.lookup(id, never())).toMatchObject({ paymentReference: (taken as { paymentReference: string }).paymentReference });
    expect(await replica.authorize({ orderId: id, amount, captureMode: 'automatic', paymentToken: TEST_PAYMENT_TOKENS.success }, never())).toEqual(taken);
    expect((await replica.payments()).filter((payment) => payment.orderId === id)).toHaveLength(1);
  });

  it('when a payment is taken, then a signed webhook arrives asynchronously, and it verifies', async () => {
    const secret = randomBytes(32).toString('hex');
    const subject = provider(secret);
    const id = orderId();
    await subject.authorize({ orderId: id, amount, captureMode: 'automatic', paymentToken: TEST_PAYMENT_TOKENS.success }, never());
    await expect.poll(() => eventsFor(id).map((event) => event.type)).toEqual(['payment.captured']);
    const delivery = receiver.received.find((d) => d.body.includes(id))!;
    const parsed = await subject.parseWebhook(Buffer.from(delivery.body), delivery.headers);
    expect(parsed).toMatchObject({ kind: 'event', event: { type: 'payment.captured', orderId: id, amount } });
  });

  it('when tok_test_async is used, then pending now, then settled by the provider with a processing and a captured webhook', async () => {
    const subject = provider(randomBytes(32).toString('hex'));
    const id = orderId();
    expect(await subject.authorize({ orderId: id, amount, captureMode: 'automatic', paymentToken: TEST_PAYMENT_TOKENS.async }, never())).toMatchObject({ status: 'pending' });
    await expect.poll(() => eventsFor(id).map((event) => event.type)).toEqual(['payment.processing', 'payment.captured']);
  });

  it('when tok_test_webhook_twice is used, then the settling webhook arrives twice, with an older event between them', async () => {
    const subject = provider(randomBytes(32).toString('hex'));
    const id = orderId();
    await subject.authorize({ orderId: id, amount, captureMode: 'automatic', paymentToken: TEST_PAYMENT_TOKENS.webhookTwice }, never());
    await expect.poll(() => eventsFor(id).length).toBe(3);
    const [first, late, repeat] = eventsFor(id);
    expect([first!.type, late!.type, repeat!.type]).toEqual(['payment.captured', 'payment.processing', 'payment.captured']);
    expect(repeat!.id).toBe(first!.id);
    expect(late!.created < first!.created).toBe(true);
  });

  it('when the receiver fails twice, then the third delivery of the same event lands', async () => {
    const subject = provider(randomBytes(32).toString('hex'));
    const id = orderId();
    let failures = 2;
    receiver.status = (body) => (body.includes(id) && failures-- > 0 ? 503 : 200);
    try {
      await subject.authorize({ orderId: id, amount, captureMode: 'automatic', paymentToken: TEST_PAYMENT_TOKENS.success }, never());
      await expect.poll(() => eventsFor(id).length).toBe(3);
    } finally {
      receiver.status = () => 200;
    }
    expect(new Set(eventsFor(id).map((event) => event.id)).size).toBe(1);
  });

  it('when the receiver always fails, then delivery stops after 5 attempts, and stop() ends it cleanly', async () => {
    const subject = provider(randomBytes(32).toString('hex'));
    const id = orderId();
    receiver.status = (body) => (body.includes(id) ? 500 : 200);
    try {
      await subject.authorize({ orderId: id, amount, captureMode: 'automatic', paymentToken: TEST_PAYMENT_TOKENS.success }, never());
      const givenUp = () => logLines.some((line) => line['msg'] === 'test payments: webhook given up after its retries' && line['eventId'] === eventsFor(id)[0]?.id);
      await expect.poll(givenUp, { timeout: 15_000 }).toBe(true);
    } finally {
      receiver.status = () => 200;
    }
    expect(eventsFor(id)).toHaveLength(5);
    await subject.stop();
    // A payment after stop() is still recorded; no webhook goes out for it.
    const after = orderId();
    await subject.authorize({ orderId: after, amount, captureMode: 'automatic', paymentToken: TEST_PAYMENT_TOKENS.success }, never());
    expect(await subject.lookup(after, never())).not.toBeNull();
  });

  it('when the amount is not a positive whole number of minor units, then INVALID_PAYMENT_AMOUNT and nothing is recorded', async () => {
    const subject = provider(randomBytes(32).toString('hex'));
    for (const bad of [{ amount: 0, currencyCode: 'USD' }, { amount: 10.5, currencyCode: 'USD' }, { amount: 100, currencyCode: 'usd' }]) {
      const id = orderId();
      await expect(subject.authorize({ orderId: id, amount: bad, captureMode: 'automatic', paymentToken: TEST_PAYMENT_TOKENS.success }, never())).rejects.toMatchObject({
        code: 'INVALID_PAYMENT_AMOUNT',
      });
      expect(await subject.lookup(id, never())).toBeNull();
    }
  });
});

