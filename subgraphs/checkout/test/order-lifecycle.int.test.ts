import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ownerOf } from '../src/domain/order.js';
import { TEST_PAYMENT_TOKENS } from '../src/payment/test-provider/test-payment-tokens.js';
import { newSession, startCheckoutHarness, type CheckoutHarness } from './support/checkout-harness.js';
import { orderFlows, orderInput, type Payload } from './support/order-operations.js';

const PLACE = `mutation ($input: PlaceOrderInput!, $key: String!) { placeOrder(input: $input, idempotencyKey: $key) { order { id status } errors { code } } }`;

describe("a shopper's order: 3-D Secure, confirmation, cancellation", () => {
  let h: CheckoutHarness;
  let flows: ReturnType<typeof orderFlows>;

  beforeAll(async () => {
    h = await startCheckoutHarness('order-lifecycle');
    flows = orderFlows(h, 'life');
  });
  afterAll(() => h?.stop());
  afterEach(() => {
    Object.assign(h.faults, { webhooksLost: false, confirmPending: false, lookupFails: false, authorizeOnly: false });
  });

  it('when 3-D Secure is required, then REQUIRES_ACTION with the client secret and a hold; confirmPayment makes it PAID and closes the cart', async () => {
    const [variantId] = await flows.stocked(1, 5);
    const { session, cart } = flows.shopper([{ variantId: variantId!, quantity: 2 }]);
    const placed = await flows.place(session, TEST_PAYMENT_TOKENS.threeDSecure);
    expect(placed.errors).toEqual([]);
    expect(placed.order).toMatchObject({ status: 'REQUIRES_ACTION', payment: { action: { clientSecret: expect.stringContaining('_secret') as string } } });
    expect(Date.parse(placed.order!.holdExpiresAt!)).toBeGreaterThan(Date.now());
    expect(await flows.stockOf(variantId!)).toBe(3);
    // The cart is held for the order: read-only until the order closes or releases it.
    expect(h.cart.stored(ownerOf(session))).toMatchObject({ status: 'PENDING_ORDER', heldBy: { orderId: placed.order!.id } });

    const confirmed = await flows.confirm(session, placed.order!.id);
    expect(confirmed.errors).toEqual([]);
    expect(confirmed.order).toMatchObject({ status: 'PAID', holdExpiresAt: null, payment: { action: null, captured: { amount: 2 * 1000 + 499 } } });
    expect(confirmed.order!.payments.map((p) => [p.type, p.status])).toEqual([
      ['AUTHORIZATION', 'REQUIRES_ACTION'],
      ['AUTHORIZATION', 'SUCCEEDED'],
      ['CAPTURE', 'SUCCEEDED'],
    ]);
    expect(h.cart.stored(ownerOf(session))?.status).toBe('CHECKED_OUT');
    expect(h.cart.marks.filter((mark) => mark.cartId === cart.id)).toHaveLength(1);
    // Asked again (a retry), and after the provider's own webhook: the same order, nothing more.
    expect((await flows.confirm(session, placed.order!.id)).order?.status).toBe('PAID');
    await expect.poll(async () => (await h.payments.payments()).find((p) => p.orderId === placed.order!.id)?.status).toBe('captured');
    expect(await flows.stockOf(variantId!)).toBe(3);
  });

  it.each(['confirmation first', 'webhook first', 'both at once'] as const)(
    'when the client’s confirmation and the provider’s webhook race (%s), then both end PAID, the cart closed once, the stock taken once',
    async (order) => {
      const [variantId] = await flows.stocked(1, 5);
      const { session, cart } = flows.shopper([{ variantId: variantId! }]);
      // Checkout sees only the webhook the test posts, when the test posts it.
      h.faults.webhooksLost = true;
      const placed = (await flows.place(session, TEST_PAYMENT_TOKENS.threeDSecure)).order!;
      const reference = (await flows.ledger(placed.id))!.paymentReference;
      const webhook = async () => {
        // The shopper finished 3-D Secure; the provider settles and tells checkout.
        await h.payments.confirm({ orderId: placed.id, paymentReference: reference }, new AbortController().signal);
        return flows.postEvent({ type: 'payment.captured', orderId: placed.id, paymentReference: reference, amount: placed.total });
      };
      const confirm = () => flows.confirm(session, placed.id);
      if (order === 'confirmation first') {
        expect((await confirm()).order?.status).toBe('PAID');
        expect((await webhook()).outcome).toBe('no-change');
      } else if (order === 'webhook first') {
        expect((await webhook()).outcome).toBe('paid');
        expect((await confirm()).order?.status).toBe('PAID');
      } else {
        const [confirmed] = await Promise.all([confirm(), webhook()]);
        expect(confirmed.order?.status).toBe('PAID');
      }
      const stored = (await h.orders.get(placed.id))!;
      expect(stored.status).toBe('PAID');
      expect(stored.transactions.filter((t) => t.type === 'CAPTURE')).toHaveLength(1);
      expect(h.cart.marks.filter((mark) => mark.cartId === cart.id)).toHaveLength(1);
      expect(await flows.stockOf(variantId!)).toBe(4);
    },
  );

  it('when another shopper confirms or cancels my order, then ORDER_NOT_FOUND as for an unknown id, and nothing changes', async () => {
    const [variantId] = await flows.stocked(1, 5);
    const { session } = flows.shopper([{ variantId: variantId! }]);
    const placed = (await flows.place(session, TEST_PAYMENT_TOKENS.threeDSecure)).order!;
    const before = (await h.orders.get(placed.id))!;
    const stranger = newSession('cus_stranger');
    for (const attempt of [flows.confirm(stranger, placed.id), flows.cancel(stranger, placed.id), flows.confirm(session, 'ord_unknown')]) {
      expect(await attempt).toEqual({ order: null, errors: [expect.objectContaining({ code: 'ORDER_NOT_FOUND' })] });
    }
    expect(await flows.order(stranger, placed.id)).toBeNull();
    expect((await h.orders.get(placed.id))!.revision).toBe(before.revision);
    // Control: the owner's confirmation goes through.
    expect((await flows.confirm(session, placed.id)).order?.status).toBe('PAID');
  });

  it('when the provider is still processing after the confirmation, then PENDING_PAYMENT again, settled later by its webhook', async () => {
    const [variantId] = await flows.stocked(1, 5);
    const { session } = flows.shopper([{ variantId: variantId! }]);
    const placed = (await flows.place(session, TEST_PAYMENT_TOKENS.threeDSecure)).order!;
    h.faults.confirmPending = true;
    const confirmed = await flows.confirm(session, placed.id);
    expect(confirmed.order).toMatchObject({ status: 'PENDING_PAYMENT', payment: { action: null } });
    // Cancelling now would race the provider: refused until it has settled.
    expect((await flows.cancel(session, placed.id)).errors.map((e) => e.code)).toEqual(['PAYMENT_IN_PROGRESS']);
    const reference = (await flows.ledger(placed.id))!.paymentReference;
    expect((await flows.postEvent({ type: 'payment.captured', orderId: placed.id, paymentReference: reference, amount: placed.total })).outcome).toBe('paid');
    expect((await flows.order(session, placed.id))?.status).toBe('PAID');
  });

  it('when the shopper cancels while 3-D Secure waits, then the payment is voided, the stock and the cart (every line) come back', async () => {
    const [variantId] = await flows.stocked(1, 5);
    const { session, cart } = flows.shopper([{ variantId: variantId!, quantity: 2 }]);
    const placed = (await flows.place(session, TEST_PAYMENT_TOKENS.threeDSecure)).order!;
    const cancelled = await flows.cancel(session, placed.id);
    expect(cancelled.errors).toEqual([]);
    expect(cancelled.order).toMatchObject({ status: 'CANCELLED', holdExpiresAt: null });
    expect(cancelled.order!.payments.map((p) => [p.type, p.status])).toEqual([
      ['AUTHORIZATION', 'REQUIRES_ACTION'],
      ['VOID', 'SUCCEEDED'],
    ]);
    expect((await flows.ledger(placed.id))!.transactions.map((t) => t.type)).toEqual(['authorization', 'void']);
    expect(await flows.stockOf(variantId!)).toBe(5);
    expect(h.cart.stored(ownerOf(session))).toMatchObject({ id: cart.id, status: 'ACTIVE', lines: cart.lines });
    // Cancelled twice: answered as it is; confirmed after: refused.
    expect((await flows.cancel(session, placed.id)).order?.status).toBe('CANCELLED');
    expect((await flows.confirm(session, placed.id)).errors.map((e) => e.code)).toEqual(['ORDER_STATE_CONFLICT']);
    expect(await flows.stockOf(variantId!)).toBe(5);
    // The cart is the shopper's again: it can be ordered.
    expect((await flows.place(session)).order?.status).toBe('PAID');
  });

  it('when the shopper cancels a paid order before it ships, then it is refunded in full once and the stock comes back', async () => {
    const [variantId] = await flows.stocked(1, 5);
    const { session } = flows.shopper([{ variantId: variantId!, quantity: 2 }]);
    const placed = (await flows.place(session)).order!;
    expect(await flows.stockOf(variantId!)).toBe(3);
    const cancelled = (await flows.cancel(session, placed.id)).order!;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', payment: { refunded: { amount: placed.total.amount } } });
    expect(cancelled.refunds).toEqual([expect.objectContaining({ amount: { amount: placed.total.amount }, status: 'SUCCEEDED' })]);
    expect(await flows.stockOf(variantId!)).toBe(5);
    expect((await flows.cancel(session, placed.id)).order?.status).toBe('CANCELLED');
    // The provider's webhooks (the capture, now late, and the refund) reach the cancelled order and return nothing more.
    await expect.poll(() => flows.webhookTypes(placed.id)).toEqual(['payment.captured', 'payment.refunded']);
    expect((await flows.ledger(placed.id))!.transactions.filter((t) => t.type === 'refund')).toHaveLength(1);
    expect((await h.orders.get(placed.id))!.refunds).toHaveLength(1);
    expect(await flows.stockOf(variantId!)).toBe(5);
  });

  it('when the payment is still pending, or the order has shipped, then cancelling is refused with its own code and changes nothing', async () => {
    const [variantId] = await flows.stocked(1, 5);
    const pending = flows.shopper([{ variantId: variantId! }]);
    const unsettled = (await flows.place(pending.session, TEST_PAYMENT_TOKENS.error)).order!;
    expect(unsettled.status).toBe('PENDING_PAYMENT');
    expect((await flows.cancel(pending.session, unsettled.id)).errors.map((e) => e.code)).toEqual(['PAYMENT_IN_PROGRESS']);

    const shipped = flows.shopper([{ variantId: variantId! }]);
    const paid = (await flows.place(shipped.session)).order!;
    expect((await flows.fulfill(paid.id, [{ variantId: variantId!, quantity: 1 }])).order?.status).toBe('FULFILLED');
    expect((await flows.cancel(shipped.session, paid.id)).errors.map((e) => e.code)).toEqual(['ORDER_STATE_CONFLICT']);
    expect((await h.orders.get(paid.id))!.status).toBe('FULFILLED');
    expect(await flows.stockOf(variantId!)).toBe(3);
  });

  it('when a payment is declined, then the cart comes back with every line and can be ordered again', async () => {
    const [variantId] = await flows.stocked(1, 5);
    const { session, cart } = flows.shopper([{ variantId: variantId!, quantity: 2 }]);
    expect((await flows.place(session, TEST_PAYMENT_TOKENS.decline)).errors.map((e) => e.code)).toEqual(['PAYMENT_DECLINED']);
    expect(h.cart.stored(ownerOf(session))).toMatchObject({ status: 'ACTIVE', lines: cart.lines });
    expect(await flows.stockOf(variantId!)).toBe(5);
    expect((await flows.place(session)).order?.status).toBe('PAID');
  });

  it('when the cart changes between checkout’s read and its hold, then CART_CHANGED and nothing is placed or charged', async () => {
    const [variantId] = await flows.stocked(1, 5);
    const { session } = flows.shopper([{ variantId: variantId! }]);
    const read = h.cart.cartOf.bind(h.cart);
    h.cart.cartOf = async (owner, requestId) => {
      const cart = await read(owner, requestId);
      // The shopper adds a line on another device right after checkout read the cart.
      h.cart.change(owner);
      return cart;
    };
    const charges = (await h.payments.payments()).length;
    try {
      const refused = await flows.place(session);
      expect(refused).toEqual({ order: null, errors: [expect.objectContaining({ code: 'CART_CHANGED', field: ['cartVersion'] })] });
    } finally {
      h.cart.cartOf = read;
    }
    expect(await flows.stockOf(variantId!)).toBe(5);
    expect((await h.payments.payments()).length).toBe(charges);
    expect(h.cart.stored(ownerOf(session))?.status).toBe('ACTIVE');
    // Control: the same cart, read and held at one version, orders.
    expect((await flows.place(session)).order?.status).toBe('PAID');
  });

  it('when duplicates of one request race with the cart version they saw, then they hold the cart for one order and all answer it', async () => {
    const [variantId] = await flows.stocked(1, 5);
    const { session, cart } = flows.shopper([{ variantId: variantId! }]);
    const input = { ...orderInput(), cartVersion: cart.version };
    const key = 'one-request';
    const answers = await Promise.all(Array.from({ length: 6 }, () => h.request<{ placeOrder: Payload }>(PLACE, { input, key }, session)));
    const ids = new Set(answers.map((answer) => answer.data?.placeOrder.order?.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^ord_/);
    expect(await flows.stockOf(variantId!)).toBe(4);
    expect(h.cart.marks.filter((mark) => mark.cartId === cart.id)).toHaveLength(1);
  });
});
