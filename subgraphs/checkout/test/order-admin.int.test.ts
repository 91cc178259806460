import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PAYMENT_TOKENS } from '../src/payment/test-provider/test-payment-tokens.js';
import { newSession, startCheckoutHarness, type CheckoutHarness } from './support/checkout-harness.js';
import { orderFlows, type OrderView } from './support/order-operations.js';

const TOTAL = 2 * 1000 + 1000 + 499;

describe("the back office: capture, fulfil, refund, list orders", () => {
  let h: CheckoutHarness;
  let flows: ReturnType<typeof orderFlows>;

  beforeAll(async () => {
    h = await startCheckoutHarness('order-admin');
    flows = orderFlows(h, 'admin');
  });
  afterAll(() => h?.stop());
  afterEach(() => {
    h.faults.authorizeOnly = false;
  });

  /** A paid order of two lines: 2 units of one variant, 1 of another (total 3,499). */
  async function paidOrder(token: string = TEST_PAYMENT_TOKENS.success): Promise<{ order: OrderView; variants: string[] }> {
    const variants = await flows.stocked(2, 5);
    const { session } = flows.shopper([{ variantId: variants[0]!, quantity: 2 }, { variantId: variants[1]!, quantity: 1 }]);
    const order = (await flows.place(session, token)).order!;
    return { order, variants };
  }
  /** An order whose payment the provider authorised without capturing it (manual capture). */
  async function authorizedOrder(token: string = TEST_PAYMENT_TOKENS.success) {
    h.faults.authorizeOnly = true;
    return paidOrder(token);
  }
  const codes = (payload: { errors: { code: string }[] }) => payload.errors.map((e) => e.code);

  it('when someone without the ADMIN role asks, then FORBIDDEN for every back-office operation, and nothing changes', async () => {
    const { order } = await authorizedOrder();
    const shopper = newSession('cus_shopper');
    // One at a time, each started only when awaited: a refusal never waits unhandled.
    for (const attempt of [
      () => flows.capture(order.id, undefined, shopper),
      () => flows.fulfill(order.id, [{ lineId: order.lines[0]!.id, quantity: 1 }], undefined, undefined, shopper),
      () => flows.refund(order.id, 100, undefined, 'x', shopper),
      () => flows.adminOrders({ first: 10 }, shopper),
      () => flows.adminOrder(order.id, shopper),
    ]) {
      expect(await flows.errorCode(attempt())).toBe('FORBIDDEN');
    }
    expect((await h.orders.get(order.id))!.status).toBe('AUTHORIZED');
    // Control: the admin's capture goes through.
    expect((await flows.capture(order.id)).order?.status).toBe('PAID');
  });

  it('when the provider only authorises, then the order is AUTHORIZED, its cart closed and its stock held until the authorisation hold ends, then announced back', async () => {
    const { order, variants } = await authorizedOrder();
    const notices = await h.listenToStockNotices();
    expect(order).toMatchObject({ status: 'AUTHORIZED', payment: { authorized: { amount: TOTAL }, captured: { amount: 0 } } });
    expect(Date.parse(order.holdExpiresAt!) - Date.now()).toBeGreaterThan(5 * 24 * 3600_000);
    expect(h.cart.marks.some((mark) => mark.orderId === order.id)).toBe(true);
    expect(await flows.stockOf(variants[0]!)).toBe(3);
    // Nobody captures it in time: recovery voids it and gives the stock back.
    expect((await h.server.recovery.runOnce(new Date(Date.now() + 60_000))).cancelled).toBe(0);
    const report = await h.server.recovery.runOnce(await flows.pastHold(order.id));
    expect(report.cancelled).toBeGreaterThanOrEqual(1);
    expect((await h.orders.get(order.id))!.status).toBe('CANCELLED');
    expect(await flows.stockOf(variants[0]!)).toBe(5);
    expect((await flows.ledger(order.id))!.transactions.map((t) => t.type)).toEqual(['authorization', 'void']);
    // The stock recovery gave back reaches catalog's replicas, as a shopper's cancellation does.
    await Promise.all(variants.map((variantId) => notices.noticeOf(variantId)));
    await notices.close();
  });

  it('when the admin captures more than was authorised, then CAPTURE_EXCEEDS_AUTHORIZED and nothing changes; a partial capture makes it PAID', async () => {
    const { order } = await authorizedOrder();
    expect(await flows.capture(order.id, TOTAL + 1)).toEqual({ order: null, errors: [expect.objectContaining({ code: 'CAPTURE_EXCEEDS_AUTHORIZED', field: ['amount'] })] });
    expect((await h.orders.get(order.id))!.status).toBe('AUTHORIZED');
    expect((await flows.ledger(order.id))!.transactions.some((t) => t.type === 'capture')).toBe(false);
    const captured = await flows.capture(order.id, TOTAL - 499);
    expect(captured.order).toMatchObject({ status: 'PAID', holdExpiresAt: null, payment: { authorized: { amount: TOTAL }, captured: { amount: TOTAL - 499 } } });
    // A retry of the same capture answers the order; another amount is refused.
    expect((await flows.capture(order.id, TOTAL - 499)).order?.status).toBe('PAID');
    expect(codes(await flows.capture(order.id, TOTAL))).toEqual(['ORDER_STATE_CONFLICT']);
    expect((await flows.ledger(order.id))!.transactions.filter((t) => t.type === 'capture')).toHaveLength(1);
    // Refunds are bounded by what was captured, not by the total.
    expect(codes(await flows.refund(order.id, TOTAL))).toEqual(['REFUND_EXCEEDS_CAPTURED']);
  });

  it('when the issuer declines the capture, then CAPTURE_DECLINED and the order stays AUTHORIZED with the failure recorded', async () => {
    const { order } = await authorizedOrder(TEST_PAYMENT_TOKENS.captureDeclined);
    expect(order.status).toBe('AUTHORIZED');
    expect(codes(await flows.capture(order.id))).toEqual(['CAPTURE_DECLINED']);
    const stored = (await flows.adminOrder(order.id))!;
    expect(stored.status).toBe('AUTHORIZED');
    expect(stored.payments.map((p) => [p.type, p.status])).toEqual([
      ['AUTHORIZATION', 'SUCCEEDED'],
      ['CAPTURE', 'FAILED'],
    ]);
  });

  it('when a capture names an unknown order, a bad amount, or an order not authorised, then each its own code', async () => {
    const { order } = await paidOrder();
    expect(codes(await flows.capture('ord_unknown'))).toEqual(['ORDER_NOT_FOUND']);
    expect(codes(await flows.capture(order.id, 0))).toEqual(['INVALID_AMOUNT']);
    const euros = await h.request<{ capturePayment: { errors: { code: string }[] } }>(
      'mutation ($id: ID!) { capturePayment(orderId: $id, amount: { amount: 100, currencyCode: "EUR" }) { errors { code } } }',
      { id: order.id },
      flows.admin,
    );
    expect(euros.data!.capturePayment.errors.map((e) => e.code)).toEqual(['INVALID_AMOUNT']);
    const { order: waiting } = await paidOrder(TEST_PAYMENT_TOKENS.threeDSecure);
    expect(codes(await flows.capture(waiting.id))).toEqual(['ORDER_STATE_CONFLICT']);
  });

  it('when lines ship in parts, then PARTIALLY_FULFILLED then FULFILLED, each line showing what shipped; a retry ships nothing twice', async () => {
    const { order, variants } = await paidOrder();
    const [first, second] = order.lines;
    const part = await flows.fulfill(order.id, [{ lineId: first!.id, quantity: 1 }], 'ship-1', '1Z999AA10123456784');
    expect(part.order).toMatchObject({ status: 'PARTIALLY_FULFILLED', fulfillments: [{ trackingCode: '1Z999AA10123456784', lines: [{ quantity: 1, line: { id: first!.id } }] }] });
    expect(part.order!.lines.map((line) => line.fulfilledQuantity)).toEqual([1, 0]);
    // The same key and lines again: the same order, nothing more shipped; the same key with other lines: refused.
    expect((await flows.fulfill(order.id, [{ lineId: first!.id, quantity: 1 }], 'ship-1', '1Z999AA10123456784')).order!.fulfillments).toHaveLength(1);
    expect(codes(await flows.fulfill(order.id, [{ lineId: first!.id, quantity: 2 }], 'ship-1'))).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    const rest = await flows.fulfill(order.id, [{ variantId: variants[0]!, quantity: 1 }, { lineId: second!.id, quantity: 1 }], 'ship-2');
    expect(rest.order).toMatchObject({ status: 'FULFILLED' });
    expect(rest.order!.lines.map((line) => line.fulfilledQuantity)).toEqual([2, 1]);
    expect(codes(await flows.fulfill(order.id, [{ lineId: first!.id, quantity: 1 }], 'ship-3'))).toEqual(['ORDER_STATE_CONFLICT']);
  });

  it('when a fulfilment names lines not in the order, more than ordered, or bad input, then each its own code and nothing ships', async () => {
    const { order } = await paidOrder();
    const [first] = order.lines;
    expect(codes(await flows.fulfill(order.id, [{ variantId: 'var_not_ordered', quantity: 1 }]))).toEqual(['ORDER_LINE_NOT_FOUND']);
    expect(codes(await flows.fulfill(order.id, [{ lineId: `${order.id}:9`, quantity: 1 }]))).toEqual(['ORDER_LINE_NOT_FOUND']);
    expect(codes(await flows.fulfill(order.id, [{ lineId: first!.id, quantity: 3 }]))).toEqual(['FULFILLMENT_EXCEEDS_ORDERED']);
    expect(codes(await flows.fulfill(order.id, [{ lineId: first!.id, variantId: first!.variant.id, quantity: 1 }]))).toEqual(['INVALID_LINE_REFERENCE']);
    expect(codes(await flows.fulfill(order.id, [{ lineId: first!.id, quantity: 0 }]))).toEqual(['INVALID_QUANTITY']);
    expect(codes(await flows.fulfill(order.id, [{ lineId: first!.id, quantity: 1 }], '', undefined))).toEqual(['INVALID_IDEMPOTENCY_KEY']);
    expect(codes(await flows.fulfill(order.id, [{ lineId: first!.id, quantity: 1 }], undefined, ' '))).toEqual(['INVALID_TRACKING_CODE']);
    expect(codes(await flows.fulfill('ord_unknown', [{ lineId: first!.id, quantity: 1 }]))).toEqual(['ORDER_NOT_FOUND']);
    expect((await h.orders.get(order.id))!.fulfillments).toEqual([]);
    // Control: the line by its id, within what was ordered.
    expect((await flows.fulfill(order.id, [{ lineId: first!.id, quantity: 2 }])).order?.status).toBe('PARTIALLY_FULFILLED');
  });

  it('when an order is not paid, then fulfilling it is ORDER_STATE_CONFLICT and nothing changes', async () => {
    const { order } = await authorizedOrder();
    expect(codes(await flows.fulfill(order.id, [{ lineId: order.lines[0]!.id, quantity: 1 }]))).toEqual(['ORDER_STATE_CONFLICT']);
    expect((await h.orders.get(order.id))!).toMatchObject({ status: 'AUTHORIZED', fulfillments: [] });
  });

  it('when the admin refunds in parts, then PARTIALLY_REFUNDED then REFUNDED; never more than captured; a retry refunds once', async () => {
    const { order } = await paidOrder();
    const part = await flows.refund(order.id, 1000, 'refund-1', 'One item arrived broken');
    expect(part.order).toMatchObject({ status: 'PARTIALLY_REFUNDED', payment: { refunded: { amount: 1000 } }, refunds: [{ amount: { amount: 1000 }, reason: 'One item arrived broken', status: 'SUCCEEDED' }] });
    expect((await flows.refund(order.id, 1000, 'refund-1', 'One item arrived broken')).order!.refunds).toHaveLength(1);
    expect(codes(await flows.refund(order.id, 999, 'refund-1', 'One item arrived broken'))).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(codes(await flows.refund(order.id, TOTAL - 1000 + 1, 'refund-2'))).toEqual(['REFUND_EXCEEDS_CAPTURED']);
    expect(codes(await flows.refund(order.id, 100, '', 'x'))).toEqual(['INVALID_IDEMPOTENCY_KEY']);
    expect(codes(await flows.refund(order.id, 100, 'refund-3', '  '))).toEqual(['INVALID_REFUND_REASON']);
    expect(codes(await flows.refund(order.id, -5, 'refund-4'))).toEqual(['INVALID_AMOUNT']);
    expect((await flows.ledger(order.id))!.transactions.filter((t) => t.type === 'refund')).toHaveLength(1);
    // Shipping goes on for a partly refunded order; its status keeps telling the money.
    expect((await flows.fulfill(order.id, [{ lineId: order.lines[1]!.id, quantity: 1 }])).order?.status).toBe('PARTIALLY_REFUNDED');
    const rest = await flows.refund(order.id, TOTAL - 1000, 'refund-5');
    expect(rest.order).toMatchObject({ status: 'REFUNDED', payment: { refunded: { amount: TOTAL } } });
    expect(codes(await flows.refund(order.id, 1, 'refund-6'))).toEqual(['ORDER_STATE_CONFLICT']);
  });

  it('when two refunds that together exceed what was captured run at once, then one is made and the other is REFUND_EXCEEDS_CAPTURED', async () => {
    const { order } = await paidOrder();
    const answers = await Promise.all([flows.refund(order.id, 2000, 'race-a'), flows.refund(order.id, 2000, 'race-b')]);
    expect(answers.map((answer) => answer.order?.status ?? answer.errors[0]?.code).sort()).toEqual(['PARTIALLY_REFUNDED', 'REFUND_EXCEEDS_CAPTURED']);
    expect((await flows.ledger(order.id))!.transactions.filter((t) => t.type === 'refund').map((t) => t.amount.amount)).toEqual([2000]);
  });

  it('when an order was never paid, then refunding it is ORDER_STATE_CONFLICT', async () => {
    const { order } = await authorizedOrder();
    expect(codes(await flows.refund(order.id, 100))).toEqual(['ORDER_STATE_CONFLICT']);
    expect(codes(await flows.refund('ord_unknown', 100))).toEqual(['ORDER_NOT_FOUND']);
  });

  it('when the admin lists orders by status, then every customer’s orders in that status come newest first, page by page', async () => {
    const authorized = [(await authorizedOrder()).order.id, (await authorizedOrder()).order.id, (await authorizedOrder()).order.id];
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await flows.adminOrders({ status: 'AUTHORIZED', first: 2, ...(after ? { after } : {}) });
      expect(page.edges.every((edge) => edge.node.status === 'AUTHORIZED')).toBe(true);
      seen.push(...page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(seen.filter((id) => authorized.includes(id))).toEqual([...authorized].reverse());
    const everything = (await flows.adminOrders({ first: 100 })).edges.map((edge) => edge.node.id);
    expect(everything.slice(0, 3)).toEqual([...authorized].reverse());
    expect(await flows.errorCode(flows.adminOrders({ first: 0 }))).toBe('BAD_USER_INPUT');
    expect((await flows.adminOrder(authorized[0]!))?.status).toBe('AUTHORIZED');
    expect(await flows.adminOrder('ord_unknown')).toBeNull();
  });
});
