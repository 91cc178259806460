import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerOf } from '../src/domain/order.js';
import { TEST_PAYMENT_TOKENS } from '../src/payment/test-provider/test-payment-tokens.js';
import { MAX_ORDER_VARIANTS } from '../src/store/order-repository.js';
import { newSession, startCheckoutHarness, type CheckoutHarness } from './support/checkout-harness.js';

const PLACE = /* GraphQL */ `
  mutation ($input: PlaceOrderInput!, $key: String!) {
    placeOrder(input: $input, idempotencyKey: $key) { order { id status lines { quantity } total { amount } } errors { code field } }
  }
`;
const ORDERS = /* GraphQL */ `
  query ($first: Int!, $after: String) { orders(first: $first, after: $after) { edges { cursor node { id createdAt } } pageInfo { hasNextPage endCursor } } }
`;

interface Placed {
  placeOrder: { order: { id: string; status: string; lines: { quantity: number }[]; total: { amount: number } } | null; errors: { code: string; field: string[] | null }[] };
}

const input = (token: string = TEST_PAYMENT_TOKENS.success) => ({
  email: 'buyer@example.com',
  shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Springfield', postalCode: '12345', countryCode: 'US' },
  shippingMethodId: 'standard',
  payment: { token },
});

describe('placing orders at the checkout subgraph', () => {
  let h: CheckoutHarness;
  let keySeq = 0;
  const key = () => `key-${keySeq++}`;
  /** Variants with stock and a price of 1000 each. */
  const stocked = async (prefix: string, count: number, quantity: number) => {
    const ids = Array.from({ length: count }, (_, i) => `${prefix}_${i}`);
    for (const id of ids) h.prices.set(id, { amount: 1000, currencyCode: 'USD' });
    await h.inventory.putQuantities(new Map(ids.map((id) => [id, quantity])));
    return ids;
  };
  const stock = async (id: string) => (await h.inventory.quantitiesByVariantIds([id])).get(id);
  const later = () => new Date(Date.now() + 5_000);

  beforeAll(async () => {
    h = await startCheckoutHarness('order-placement');
  });
  afterAll(() => h?.stop());

  it('when two cart lines hold one variant, then they are checked against its stock together', async () => {
    const [variantId] = await stocked('twolines', 1, 5);
    const session = newSession();
    h.cart.give(ownerOf(session), [{ variantId: variantId!, quantity: 3 }, { variantId: variantId!, quantity: 3 }]);
    const short = (await h.request<Placed>(PLACE, { input: input(), key: key() }, session)).data!.placeOrder;
    expect(short.errors.map((e) => e.code)).toEqual(['OUT_OF_STOCK']);
    expect(await stock(variantId!)).toBe(5);
    // Control: with 6 in stock, one order line of 6, and nothing left.
    await h.inventory.setQuantity(variantId!, 6);
    const placed = (await h.request<Placed>(PLACE, { input: input(), key: key() }, session)).data!.placeOrder;
    expect(placed.order).toMatchObject({ status: 'PAID', lines: [{ quantity: 6 }], total: { amount: 6 * 1000 + 499 } });
    expect(await stock(variantId!)).toBe(0);
  });

  it(`when a cart holds more than ${MAX_ORDER_VARIANTS} variants, then ORDER_TOO_LARGE up front; ${MAX_ORDER_VARIANTS} fit in one transaction`, async () => {
    const ids = await stocked('wide', MAX_ORDER_VARIANTS + 1, 2);
    const session = newSession();
    h.cart.give(ownerOf(session), ids.map((variantId) => ({ variantId, quantity: 1 })));
    const refused = (await h.request<Placed>(PLACE, { input: input(), key: key() }, session)).data!.placeOrder;
    expect(refused.errors.map((e) => e.code)).toEqual(['ORDER_TOO_LARGE']);
    expect(await stock(ids[0]!)).toBe(2);
    h.cart.give(ownerOf(session), ids.slice(0, MAX_ORDER_VARIANTS).map((variantId) => ({ variantId, quantity: 1 })));
    const placed = (await h.request<Placed>(PLACE, { input: input(), key: key() }, session)).data!.placeOrder;
    expect(placed.order?.status).toBe('PAID');
    expect(await stock(ids[0]!)).toBe(1);
    expect(await stock(ids[MAX_ORDER_VARIANTS]!)).toBe(2);
  });

  it('when a variant has left the catalog, then VARIANT_UNAVAILABLE and nothing is written', async () => {
    const [variantId] = await stocked('gone', 1, 3);
    h.prices.delete(variantId!);
    const session = newSession();
    h.cart.give(ownerOf(session), [{ variantId: variantId!, quantity: 1 }]);
    expect((await h.request<Placed>(PLACE, { input: input(), key: key() }, session)).data!.placeOrder.errors.map((e) => e.code)).toEqual(['VARIANT_UNAVAILABLE']);
    expect(await stock(variantId!)).toBe(3);
  });

  it('when cart does not answer the read, then SERVICE_UNAVAILABLE and nothing is written or charged', async () => {
    const [variantId] = await stocked('cartdown', 1, 3);
    const session = newSession();
    h.cart.give(ownerOf(session), [{ variantId: variantId!, quantity: 1 }]);
    const charges = (await h.payments.payments()).length;
    h.cart.down = true;
    try {
      const answer = await h.request<Placed>(PLACE, { input: input(), key: key() }, session);
      expect(answer.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      h.cart.down = false;
    }
    expect(await stock(variantId!)).toBe(3);
    expect((await h.payments.payments()).length).toBe(charges);
  });

  it('when the payment succeeds but cart cannot be marked, then the order is PAID and recovery marks the cart later', async () => {
    const [variantId] = await stocked('markdown', 1, 3);
    const session = newSession();
    const cart = h.cart.give(ownerOf(session), [{ variantId: variantId!, quantity: 1 }]);
    // Without its webhook, which would otherwise settle the order too: this is recovery's case.
    h.faults.webhooksLost = true;
    h.cart.markingFails = true;
    let orderId: string;
    try {
      const placed = (await h.request<Placed>(PLACE, { input: input(), key: key() }, session)).data!.placeOrder;
      expect(placed.order?.status).toBe('PAID');
      orderId = placed.order!.id;
      expect(cart.status).toBe('ACTIVE');
    } finally {
      h.cart.markingFails = false;
      h.faults.webhooksLost = false;
    }
    const report = await h.server.recovery.runOnce(later());
    expect(report.cartsMarked).toBe(1);
    expect(h.cart.marks).toContainEqual({ cartId: cart.id, orderId });
    expect((await h.server.recovery.runOnce(later())).examined).toBe(0);
  });

  it('when the provider does not answer recovery, then the order stays pending; the next pass resolves it', async () => {
    const [variantId] = await stocked('lookupdown', 1, 3);
    const session = newSession();
    h.cart.give(ownerOf(session), [{ variantId: variantId!, quantity: 1 }]);
    const pending = (await h.request<Placed>(PLACE, { input: input(TEST_PAYMENT_TOKENS.error), key: key() }, session)).data!.placeOrder;
    expect(pending.order?.status).toBe('PENDING_PAYMENT');
    h.faults.lookupFails = true;
    try {
      expect((await h.server.recovery.runOnce(later())).unresolved).toBeGreaterThanOrEqual(1);
      expect(await stock(variantId!)).toBe(2);
    } finally {
      h.faults.lookupFails = false;
    }
    expect((await h.server.recovery.runOnce(later())).cancelled).toBeGreaterThanOrEqual(1);
    expect(await stock(variantId!)).toBe(3);
  });

  it('when the provider takes the payment but does not answer, then the deadline aborts the call; the order is pending, and recovery finds the charge', async () => {
    const [variantId] = await stocked('timeout', 1, 3);
    const session = newSession();
    h.cart.give(ownerOf(session), [{ variantId: variantId!, quantity: 1 }]);
    h.faults.webhooksLost = true;
    try {
      const pending = (await h.request<Placed>(PLACE, { input: input(TEST_PAYMENT_TOKENS.timeout), key: key() }, session)).data!.placeOrder;
      expect(pending.order?.status).toBe('PENDING_PAYMENT');
      expect(h.authorizeSignals.at(-1)?.aborted).toBe(true);
      expect((await h.server.recovery.runOnce(later())).paid).toBeGreaterThanOrEqual(1);
    } finally {
      h.faults.webhooksLost = false;
    }
    expect(await stock(variantId!)).toBe(2);
    // Control: an answered call's signal is left alone.
    h.cart.give(ownerOf(session), [{ variantId: variantId!, quantity: 1 }]);
    expect((await h.request<Placed>(PLACE, { input: input(), key: key() }, session)).data!.placeOrder.order?.status).toBe('PAID');
    expect(h.authorizeSignals.at(-1)?.aborted).toBe(false);
  });

  it('when a shopper abandons 3-D Secure, then recovery voids the payment and gives the stock back once its hold expires', async () => {
    const [variantId] = await stocked('abandoned', 1, 3);
    const session = newSession();
    h.cart.give(ownerOf(session), [{ variantId: variantId!, quantity: 1 }]);
    const pending = (await h.request<Placed>(PLACE, { input: input(TEST_PAYMENT_TOKENS.threeDSecure), key: key() }, session)).data!.placeOrder;
    expect(pending.order?.status).toBe('REQUIRES_ACTION');
    expect(await stock(variantId!)).toBe(2);
    // Control: before its hold expires (past the pending timeout too), recovery leaves the shopper time to act.
    expect((await h.server.recovery.runOnce(later())).cancelled).toBe(0);
    const { holdExpiresAt } = (await h.orders.get(pending.order!.id))!;
    expect((await h.server.recovery.runOnce(new Date(Date.parse(holdExpiresAt!) + 1_000))).cancelled).toBeGreaterThanOrEqual(1);
    expect(await stock(variantId!)).toBe(3);
    const lookup = await h.payments.lookup(pending.order!.id, new AbortController().signal);
    expect(lookup?.transactions.map((t) => [t.type, t.status])).toEqual([
      ['authorization', 'requires_action'],
      ['void', 'succeeded'],
    ]);
  });

  it('when a pending payment settles while its webhook is lost, then recovery finds it captured and the order PAID', async () => {
    const [variantId] = await stocked('lostwebhook', 1, 3);
    const session = newSession();
    h.cart.give(ownerOf(session), [{ variantId: variantId!, quantity: 1 }]);
    h.faults.webhooksLost = true;
    try {
      const pending = (await h.request<Placed>(PLACE, { input: input(TEST_PAYMENT_TOKENS.async), key: key() }, session)).data!.placeOrder;
      expect(pending.order?.status).toBe('PENDING_PAYMENT');
      await expect.poll(async () => (await h.payments.lookup(pending.order!.id, new AbortController().signal))?.transactions.some((t) => t.type === 'capture')).toBe(true);
      expect((await h.server.recovery.runOnce(later())).paid).toBeGreaterThanOrEqual(1);
    } finally {
      h.faults.webhooksLost = false;
    }
    expect(await stock(variantId!)).toBe(2);
  });

  it('when an order of the cart is still pending, then another key is refused ORDER_IN_PROGRESS until it resolves', async () => {
    const [variantId] = await stocked('held', 1, 5);
    const session = newSession();
    h.cart.give(ownerOf(session), [{ variantId: variantId!, quantity: 1 }]);
    const pending = (await h.request<Placed>(PLACE, { input: input(TEST_PAYMENT_TOKENS.error), key: key() }, session)).data!.placeOrder;
    expect(pending.order?.status).toBe('PENDING_PAYMENT');
    expect((await h.request<Placed>(PLACE, { input: input(), key: key() }, session)).data!.placeOrder.errors.map((e) => e.code)).toEqual(['ORDER_IN_PROGRESS']);
    expect(await stock(variantId!)).toBe(4);
    await h.server.recovery.runOnce(later());
    expect((await h.request<Placed>(PLACE, { input: input(), key: key() }, session)).data!.placeOrder.order?.status).toBe('PAID');
    expect(await stock(variantId!)).toBe(4);
  });

  it('when a customer has five orders, then pages of two come newest first, without overlap, with opaque cursors', async () => {
    const ids = await stocked('history', 1, 50);
    const session = newSession('cus_history');
    const placed: string[] = [];
    for (let i = 0; i < 5; i++) {
      h.cart.give(ownerOf(session), [{ variantId: ids[0]!, quantity: 1 }]);
      placed.push((await h.request<Placed>(PLACE, { input: input(), key: key() }, session)).data!.placeOrder.order!.id);
    }
    type Page = { orders: { edges: { cursor: string; node: { id: string; createdAt: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const seen: string[] = [];
    const times: string[] = [];
    let after: string | null = null;
    const pages: boolean[] = [];
    do {
      const page: Page = (await h.request<Page>(ORDERS, { first: 2, after }, session)).data!;
      seen.push(...page.orders.edges.map((edge) => edge.node.id));
      times.push(...page.orders.edges.map((edge) => edge.node.createdAt));
      for (const edge of page.orders.edges) expect(edge.cursor).not.toContain(edge.node.id);
      pages.push(page.orders.pageInfo.hasNextPage);
      after = page.orders.pageInfo.endCursor;
      if (!page.orders.pageInfo.hasNextPage) break;
    } while (after);
    // Newest first; orders placed within one millisecond may come in either order.
    expect([...seen].sort()).toEqual([...placed].sort());
    expect(times).toEqual([...times].sort().reverse());
    expect(pages).toEqual([true, true, false]);
    // Another customer's listing is empty; an anonymous session's too.
    expect((await h.request<Page>(ORDERS, { first: 10 }, newSession('cus_other'))).data!.orders.edges).toEqual([]);
    expect((await h.request<Page>(ORDERS, { first: 10 }, newSession())).data!.orders.edges).toEqual([]);
  });

  it('when there is no signed context, then placeOrder, orders and order answer UNAUTHENTICATED', async () => {
    expect((await h.request(PLACE, { input: input(), key: key() })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await h.request(ORDERS, { first: 1 })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await h.request('{ order(id: "ord_x") { id } }', {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
