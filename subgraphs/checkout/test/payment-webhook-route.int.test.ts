import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ownerOf } from '../src/domain/order.js';
import type { PaymentEvent } from '../src/payment/payment-provider.js';
import { TEST_PAYMENT_TOKENS } from '../src/payment/test-provider/test-payment-tokens.js';
import { TEST_SIGNATURE_HEADER, webhookBody } from '../src/payment/test-provider/test-webhook-format.js';
import { signWebhook } from '../src/payment/webhook-signature.js';
import { createOrderRepository, type OrderRepository } from '../src/store/order-repository.js';
import { newSession, startCheckoutHarness, type CheckoutHarness } from './support/checkout-harness.js';

const PLACE = /* GraphQL */ `
  mutation ($input: PlaceOrderInput!, $key: String!) {
    placeOrder(input: $input, idempotencyKey: $key) { order { id status total { amount currencyCode } } errors { code } }
  }
`;
interface Placed {
  placeOrder: { order: { id: string; status: string; total: { amount: number; currencyCode: string } } | null; errors: { code: string }[] };
}

describe('POST /webhooks/payments', () => {
  let h: CheckoutHarness;
  let orders: OrderRepository;
  let webhookUrl: string;
  let seq = 0;

  beforeAll(async () => {
    h = await startCheckoutHarness('payment-webhooks');
    orders = createOrderRepository({ client: h.tables.client, tableName: h.tables.names.checkout });
    webhookUrl = h.url.replace(/\/graphql$/, '/webhooks/payments');
  });
  afterAll(() => h?.stop());
  afterEach(() => {
    h.faults.webhooksLost = false;
  });

  const stockOf = async (id: string) => (await h.inventory.quantitiesByVariantIds([id])).get(id);
  /** An order left PENDING_PAYMENT with its webhooks lost: only the events a test posts reach it. */
  async function pendingOrder(token: string = TEST_PAYMENT_TOKENS.async, webhooksLost = true) {
    const variantId = `wh_${seq++}`;
    h.prices.set(variantId, { amount: 1000, currencyCode: 'USD' });
    await h.inventory.putQuantities(new Map([[variantId, 5]]));
    const session = newSession();
    const cart = h.cart.give(ownerOf(session), [{ variantId, quantity: 2 }]);
    // Lost until the test ends: the provider settles tok_test_async by itself a moment later,
    // and its webhook must not race the events the test posts.
    h.faults.webhooksLost = webhooksLost;
    const input = {
      email: 'a@example.com',
      shippingAddress: { name: 'A', line1: '1 Main St', city: 'X', postalCode: '1', countryCode: 'US' },
      shippingMethodId: 'standard',
      payment: { token },
    };
    const placed = (await h.request<Placed>(PLACE, { input, key: randomUUID() }, session)).data!.placeOrder;
    return { order: placed.order!, variantId, cart };
  }
  const event = (fields: Partial<PaymentEvent> & Pick<PaymentEvent, 'type' | 'orderId'>): string =>
    webhookBody({ id: `evt_test_${randomUUID()}`, paymentReference: 'pay_test_x', occurredAt: new Date().toISOString(), ...fields });
  const post = async (body: string, signature: string | null = signWebhook(body, h.webhookSecret)) => {
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature ? { [TEST_SIGNATURE_HEADER]: signature } : {}) },
      body,
    });
    return { status: response.status, body: (await response.json()) as { outcome?: string; error?: string } };
  };

  it('when the signature is bad or missing, then 400 and the order is untouched; the same event signed settles it', async () => {
    const { order, variantId } = await pendingOrder();
    expect(order.status).toBe('PENDING_PAYMENT');
    const body = event({ type: 'payment.captured', orderId: order.id, amount: order.total });
    expect(await post(body, signWebhook(body, 'another-secret-another-secret-000'))).toEqual({ status: 400, body: { error: 'WEBHOOK_SIGNATURE_INVALID' } });
    expect(await post(body, null)).toEqual({ status: 400, body: { error: 'WEBHOOK_SIGNATURE_INVALID' } });
    expect((await orders.get(order.id))!.status).toBe('PENDING_PAYMENT');
    expect(await post(body)).toEqual({ status: 200, body: { received: true, outcome: 'paid' } });
    expect((await orders.get(order.id))!.status).toBe('PAID');
    expect(await stockOf(variantId)).toBe(3);
  });

  it('when the body is verified as received, then formatting the JSON differently is not normalised away', async () => {
    const { order } = await pendingOrder();
    const body = JSON.stringify(JSON.parse(event({ type: 'payment.captured', orderId: order.id, amount: order.total })), null, 2);
    expect((await post(body)).body.outcome).toBe('paid');
    // Control: the same event re-serialised compactly no longer matches its signature.
    const signature = signWebhook(body, h.webhookSecret);
    expect((await post(JSON.stringify(JSON.parse(body)), signature)).status).toBe(400);
  });

  it('when an event is delivered again, then it is recognised by id and changes nothing', async () => {
    const { order, cart } = await pendingOrder();
    const body = event({ type: 'payment.captured', orderId: order.id, amount: order.total });
    expect((await post(body)).body.outcome).toBe('paid');
    expect((await post(body)).body).toEqual({ received: true, outcome: 'duplicate' });
    expect(h.cart.marks.filter((mark) => mark.orderId === order.id)).toEqual([{ cartId: cart.id, orderId: order.id }]);
  });

  it('when a payment fails, then the order is PAYMENT_FAILED with its stock back; a late success for it is returned and changes nothing else', async () => {
    const { order, variantId } = await pendingOrder();
    expect(await stockOf(variantId)).toBe(3);
    expect((await post(event({ type: 'payment.failed', orderId: order.id, reason: 'Your card was declined.' }))).body.outcome).toBe('payment-failed');
    expect((await orders.get(order.id))!.status).toBe('PAYMENT_FAILED');
    expect(await stockOf(variantId)).toBe(5);
    // Money taken for a closed order goes back: a refund is asked for; the order stays as it is.
    expect((await post(event({ type: 'payment.captured', orderId: order.id, amount: order.total }))).body.outcome).toBe('returned');
    expect((await orders.get(order.id))!.refunds.map((refund) => refund.amount.amount)).toEqual([order.total.amount]);
    expect((await orders.get(order.id))!.status).toBe('PAYMENT_FAILED');
    expect(await stockOf(variantId)).toBe(5);
  });

  it('when an event is ignored, for an unknown order, or for another amount, then 200 with what happened, and the order is untouched', async () => {
    const { order } = await pendingOrder();
    const unknownType = JSON.stringify({ id: `evt_test_${randomUUID()}`, type: 'payment.disputed', created: new Date().toISOString(), data: {} });
    expect(await post(unknownType)).toEqual({ status: 200, body: { received: true, outcome: 'ignored' } });
    expect((await post(unknownType)).body.outcome).toBe('duplicate');
    expect(await post(event({ type: 'payment.captured', orderId: 'ord_nobody', amount: order.total }))).toEqual({ status: 200, body: { received: true, outcome: 'unknown-order' } });
    expect((await post(event({ type: 'payment.captured', orderId: order.id, amount: { amount: 1, currencyCode: 'USD' } }))).body.outcome).toBe('amount-mismatch');
    expect((await post(event({ type: 'payment.requires_action', orderId: order.id }))).body.outcome).toBe('no-change');
    expect((await orders.get(order.id))!.status).toBe('PENDING_PAYMENT');
  });

  it('when a verified body is not an event, or the body is over 256 kB, then 400 or 413', async () => {
    expect((await post('{"nope": true}')).body).toEqual({ error: 'PAYMENT_PROVIDER_REJECTED' });
    expect((await post(JSON.stringify({ pad: 'x'.repeat(300 * 1024) }))).status).toBe(413);
  });

  it('when the provider settles a pending payment itself, then its webhook makes the order PAID', async () => {
    const { order, variantId } = await pendingOrder(TEST_PAYMENT_TOKENS.async, false);
    expect(order.status).toBe('PENDING_PAYMENT');
    await expect.poll(async () => (await orders.get(order.id))!.status).toBe('PAID');
    expect(await stockOf(variantId)).toBe(3);
  });

  it('when the settling webhook arrives twice with an older event between, then the order is PAID once, its cart marked once', async () => {
    const { order, cart } = await pendingOrder(TEST_PAYMENT_TOKENS.webhookTwice, false);
    await expect.poll(async () => (await orders.get(order.id))!.status).toBe('PAID');
    // Deliveries are sequential: the late processing event is recorded once the first settling one was applied.
    const recordedTypes = async () =>
      (
        await h.tables.client.send(
          new ScanCommand({ TableName: h.tables.names.checkout, FilterExpression: 'entity = :e AND orderId = :o', ExpressionAttributeValues: { ':e': 'WebhookEvent', ':o': order.id } }),
        )
      ).Items?.map((item) => item['type'] as string).sort();
    await expect.poll(recordedTypes).toEqual(['payment.captured', 'payment.processing']);
    expect(h.cart.marks.filter((mark) => mark.orderId === order.id)).toEqual([{ cartId: cart.id, orderId: order.id }]);
    expect((await orders.get(order.id))!.status).toBe('PAID');
  });

  it('when 3-D Secure is required, then the order is REQUIRES_ACTION with the client secret, and its requires_action webhook changes nothing', async () => {
    const { order } = await pendingOrder(TEST_PAYMENT_TOKENS.threeDSecure, false);
    expect(order.status).toBe('REQUIRES_ACTION');
    const stored = (await orders.get(order.id))!;
    expect(stored.payment?.action?.clientSecret).toEqual(expect.any(String));
    expect((await post(event({ type: 'payment.requires_action', orderId: order.id }))).body.outcome).toBe('no-change');
    expect((await orders.get(order.id))!.revision).toBe(stored.revision);
  });
});
