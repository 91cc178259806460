import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PAYMENT_TOKENS } from '../src/payment/test-provider/test-payment-tokens.js';
import { TEST_SIGNATURE_HEADER } from '../src/payment/test-provider/test-webhook-format.js';
import { signWebhook } from '../src/payment/webhook-signature.js';
import { startCheckoutHarness, type CheckoutHarness } from './support/checkout-harness.js';
import { orderFlows } from './support/order-operations.js';

describe('webhooks on the whole state machine: repeated, late and out of order', () => {
  let h: CheckoutHarness;
  let flows: ReturnType<typeof orderFlows>;

  beforeAll(async () => {
    h = await startCheckoutHarness('order-payment-events');
    flows = orderFlows(h, 'events');
  });
  afterAll(() => h?.stop());
  afterEach(() => {
    Object.assign(h.faults, { webhooksLost: false, authorizeOnly: false });
  });

  /** An order whose provider webhooks never reach checkout: only what the test posts does. */
  async function placedQuietly(token: string) {
    const [variantId] = await flows.stocked(1, 5);
    const { session } = flows.shopper([{ variantId: variantId!, quantity: 2 }]);
    h.faults.webhooksLost = true;
    const order = (await flows.place(session, token)).order!;
    return { order, session, variantId: variantId! };
  }

  it('when a failure arrives after the success, then it changes nothing: the order stays PAID with its stock taken', async () => {
    const { order, variantId } = await placedQuietly(TEST_PAYMENT_TOKENS.success);
    expect(order.status).toBe('PAID');
    const before = (await h.orders.get(order.id))!;
    expect((await flows.postEvent({ type: 'payment.failed', orderId: order.id, reason: 'Declined.' })).outcome).toBe('no-change');
    expect((await flows.postEvent({ type: 'payment.voided', orderId: order.id })).outcome).toBe('no-change');
    expect((await flows.postEvent({ type: 'payment.requires_action', orderId: order.id })).outcome).toBe('no-change');
    expect((await h.orders.get(order.id))!).toMatchObject({ status: 'PAID', revision: before.revision });
    expect(await flows.stockOf(variantId)).toBe(3);
  });

  it('when a capture arrives for an order already closed as failed, then the money is refunded in full, logged, and the order stays closed', async () => {
    const { order, variantId } = await placedQuietly(TEST_PAYMENT_TOKENS.async);
    expect(order.status).toBe('PENDING_PAYMENT');
    // An older failure, delivered first, closes the order; then the provider settles the payment after all.
    expect((await flows.postEvent({ type: 'payment.failed', orderId: order.id, reason: 'Declined.' })).outcome).toBe('payment-failed');
    expect(await flows.stockOf(variantId)).toBe(5);
    await expect.poll(async () => (await flows.ledger(order.id))?.transactions.some((t) => t.type === 'capture')).toBe(true);
    const { paymentReference } = (await flows.ledger(order.id))!;
    const capture = { type: 'payment.captured' as const, orderId: order.id, paymentReference, amount: order.total };
    expect((await flows.postEvent(capture)).outcome).toBe('returned');
    const stored = (await h.orders.get(order.id))!;
    expect(stored).toMatchObject({ status: 'PAYMENT_FAILED', refunds: [expect.objectContaining({ amount: order.total, status: 'SUCCEEDED' })] });
    expect((await flows.ledger(order.id))!.transactions.filter((t) => t.type === 'refund').map((t) => t.amount.amount)).toEqual([order.total.amount]);
    expect(await flows.stockOf(variantId)).toBe(5);
    // The same capture told again (another event id): returned already, nothing more.
    expect((await flows.postEvent(capture)).outcome).toBe('no-change');
    expect((await flows.ledger(order.id))!.transactions.filter((t) => t.type === 'refund')).toHaveLength(1);
  });

  it('when an authorisation arrives for an order already closed, then it is voided at the provider and the order stays closed', async () => {
    h.faults.authorizeOnly = true;
    const { order } = await placedQuietly(TEST_PAYMENT_TOKENS.async);
    expect((await flows.postEvent({ type: 'payment.failed', orderId: order.id, reason: 'Declined.' })).outcome).toBe('payment-failed');
    await expect.poll(async () => (await flows.ledger(order.id))?.transactions.find((t) => t.type === 'authorization')?.status).toBe('succeeded');
    const { paymentReference } = (await flows.ledger(order.id))!;
    const authorized = { type: 'payment.authorized' as const, orderId: order.id, paymentReference, amount: order.total };
    expect((await flows.postEvent(authorized)).outcome).toBe('returned');
    expect((await flows.ledger(order.id))!.transactions.map((t) => t.type)).toEqual(['authorization', 'void']);
    expect((await flows.postEvent(authorized)).outcome).toBe('no-change');
    expect((await h.orders.get(order.id))!.status).toBe('PAYMENT_FAILED');
  });

  it('when an authorised order’s payment is voided at the provider, then the webhook cancels it and gives the stock back', async () => {
    h.faults.authorizeOnly = true;
    const { order, variantId } = await placedQuietly(TEST_PAYMENT_TOKENS.success);
    expect(order.status).toBe('AUTHORIZED');
    expect((await flows.postEvent({ type: 'payment.voided', orderId: order.id })).outcome).toBe('cancelled');
    expect((await h.orders.get(order.id))!.status).toBe('CANCELLED');
    expect(await flows.stockOf(variantId)).toBe(5);
    expect((await flows.postEvent({ type: 'payment.captured', orderId: order.id, amount: order.total })).outcome).toBe('returned');
  });

  it('when the provider reports a refund checkout never asked for, then it is logged for an operator and the order is untouched', async () => {
    const { order } = await placedQuietly(TEST_PAYMENT_TOKENS.success);
    const before = (await h.orders.get(order.id))!;
    expect((await flows.postEvent({ type: 'payment.refunded', orderId: order.id, amount: { amount: 100, currencyCode: 'USD' }, refundId: 'rf_dashboard' })).outcome).toBe(
      'unknown-refund',
    );
    expect((await flows.postEvent({ type: 'payment.refunded', orderId: order.id, amount: { amount: 100, currencyCode: 'USD' } })).outcome).toBe('unknown-refund');
    expect((await h.orders.get(order.id))!.revision).toBe(before.revision);
    // Control: a refund checkout made is known, and a repeat of its event changes nothing.
    const refunded = (await flows.refund(order.id, 100, 'known-refund')).order!;
    expect((await flows.postEvent({ type: 'payment.refunded', orderId: order.id, amount: { amount: 100, currencyCode: 'USD' }, refundId: refunded.refunds[0]!.id })).outcome).toBe(
      'no-change',
    );
  });

  it('when an event names an unknown order, then 200 unknown-order; an unknown type is ignored; a bad signature is 400 — nothing changes', async () => {
    const { order } = await placedQuietly(TEST_PAYMENT_TOKENS.success);
    expect(await flows.postEvent({ type: 'payment.captured', orderId: 'ord_nobody', amount: order.total })).toEqual({ status: 200, received: true, outcome: 'unknown-order' });
    const unknownType = JSON.stringify({ id: `evt_test_unknown_${order.id}`, type: 'payment.disputed', created: new Date().toISOString(), data: {} });
    const post = (body: string, signature: string) =>
      fetch(h.url.replace(/\/graphql$/, '/webhooks/payments'), { method: 'POST', headers: { 'content-type': 'application/json', [TEST_SIGNATURE_HEADER]: signature }, body });
    expect(await (await post(unknownType, signWebhook(unknownType, h.webhookSecret))).json()).toEqual({ received: true, outcome: 'ignored' });
    const forged = JSON.stringify({ id: 'evt_forged', type: 'payment.voided', created: new Date().toISOString(), data: { orderId: order.id, paymentReference: 'x' } });
    const refused = await post(forged, signWebhook(forged, 'not-the-secret-not-the-secret-000'));
    expect([refused.status, await refused.json()]).toEqual([400, { error: 'WEBHOOK_SIGNATURE_INVALID' }]);
    expect((await h.orders.get(order.id))!.status).toBe('PAID');
  });
});
