import { TEST_PAYMENT_TOKENS } from '@shopgraph/checkout';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutHelpers, orderInput, PLACE_ORDER, type PlaceOrderAnswer } from '../support/checkout.js';
import { contractOperation } from '../support/graphql-client.js';
import { startStack, type TestStack } from '../support/stack.js';

const ORDERS = contractOperation('Orders');
const ORDER = contractOperation('Order');

describe('placing orders through the gateway', () => {
  let stack: TestStack;
  let h: ReturnType<typeof checkoutHelpers>;
  let next = 0;
  /** A variant of its own for each test, so tests share the stack but not stock. */
  const freshVariant = async (stock: number) => {
    const variantId = stack.catalog.variantIds[next++]!;
    await h.setStock(variantId, stock);
    return variantId;
  };

  beforeAll(async () => {
    stack = await startStack({ products: 12 });
    h = checkoutHelpers(stack);
  });
  afterAll(() => stack?.stop());

  it('when a web shopper orders, then totals come from catalog prices and shipping, the order is PAID, stock drops and the cart is checked out', async () => {
    const variantId = await freshVariant(5);
    const web = h.webShopper();
    await h.add(web, variantId, 2);
    const unit = await h.priceOf(variantId);
    const { body } = await h.place(web);
    const order = body.data!.placeOrder!.order!;
    expect(body.data!.placeOrder!.errors).toEqual([]);
    expect(order).toMatchObject({
      status: 'PAID',
      email: 'buyer@example.com',
      lines: [{ quantity: 2, variant: { id: variantId, sku: expect.any(String) as string }, unitPrice: { amount: unit, currencyCode: 'USD' } }],
      subtotal: { amount: 2 * unit, currencyCode: 'USD' },
      shippingTotal: { amount: 499, currencyCode: 'USD' },
      total: { amount: 2 * unit + 499, currencyCode: 'USD' },
    });
    expect(order.number).toMatch(/^SG-\d{8}-[0-9A-Z]{8}$/);
    expect(await h.stockOf(variantId)).toBe(3);
    const stored = await h.storedOrder(order.id);
    expect(stored?.cartMarkedAt).toEqual(expect.any(String));
    expect(await h.storedCartStatus(stored!.cartId)).toMatchObject({ status: 'CHECKED_OUT', checkedOutOrderId: order.id });
    expect((await h.charged()).get(order.id)).toBe(2 * unit + 499);
    // The anonymous session that placed it may read it back; another session may not.
    expect((await web.request<{ order: { id: string; status: string } | null }>(ORDER, { id: order.id })).body.data!.order).toMatchObject({ id: order.id, status: 'PAID' });
    expect((await h.webShopper().request<{ order: unknown }>(ORDER, { id: order.id })).body.data!.order).toBeNull();
  });

  it.each(['COOKIE', 'BEARER'] as const)('when a signed-in %s customer orders, then Orders and Order answer it to them alone, and an unknown id answers the same null', async (transport) => {
    const variantId = await freshVariant(5);
    const { web: customer } = await h.customer(transport);
    await h.add(customer, variantId, 1);
    const placed = (await h.place(customer)).body.data!.placeOrder!.order!;
    const orders = await customer.request<{ orders: { edges: { node: { id: string; number: string; status: string } }[]; pageInfo: { hasNextPage: boolean } } }>(ORDERS, { first: 10 });
    expect(orders.body.data!.orders.edges.map((edge) => edge.node)).toEqual([expect.objectContaining({ id: placed.id, number: placed.number, status: 'PAID' })]);
    expect(orders.body.data!.orders.pageInfo.hasNextPage).toBe(false);
    const { web: other } = await h.customer();
    expect((await other.request<{ order: unknown }>(ORDER, { id: placed.id })).body.data!.order).toBeNull();
    expect((await other.request<{ orders: { edges: unknown[] } }>(ORDERS, { first: 10 })).body.data!.orders.edges).toEqual([]);
    expect((await customer.request<{ order: unknown }>(ORDER, { id: 'ord_doesnotexist' })).body.data!.order).toBeNull();

    const mobile = await h.mobileShopper();
    await h.add(mobile, await freshVariant(3), 1);
    const mobileOrder = (await h.place(mobile)).body.data!.placeOrder!;
    expect(mobileOrder.errors).toEqual([]);
    expect((await mobile.request<{ order: { status: string } }>(ORDER, { id: mobileOrder.order!.id })).body.data!.order.status).toBe('PAID');
  });

  it('when catalog changes a price, then a new order is charged the new price and an earlier order keeps the price it was charged', async () => {
    const variantId = await freshVariant(5);
    const early = h.webShopper();
    const late = h.webShopper();
    await h.add(early, variantId, 1);
    await h.add(late, variantId, 1);
    const before = (await h.place(early)).body.data!.placeOrder!.order!;
    const oldPrice = before.lines[0]!.unitPrice.amount;
    // Straight to catalog's table: how catalog changes prices is catalog's business.
    await stack.tables.client.send(
      new UpdateCommand({
        TableName: stack.tables.names.catalog,
        Key: { PK: `VARIANT#${variantId}`, SK: 'VARIANT' },
        UpdateExpression: 'SET price = :price',
        ExpressionAttributeValues: { ':price': { amount: oldPrice + 100, currencyCode: 'USD' } },
      }),
    );
    // The late shopper's cart line was added at the old price; the order takes catalog's current one.
    const after = (await h.place(late)).body.data!.placeOrder!.order!;
    expect(after.lines[0]!.unitPrice.amount).toBe(oldPrice + 100);
    expect(after.total.amount).toBe(oldPrice + 100 + 499);
    expect((await h.storedOrder(before.id))!.lines).toEqual([{ variantId, quantity: 1, unitPrice: { amount: oldPrice, currencyCode: 'USD' } }]);
  });

  it('when the last 5 units meet 20 concurrent buyers, then exactly 5 are PAID, 15 OUT_OF_STOCK, and stock ends at 0', async () => {
    const variantId = await freshVariant(5);
    const buyers = Array.from({ length: 20 }, () => h.webShopper());
    for (const buyer of buyers) await h.add(buyer, variantId, 1);
    const answers = await Promise.all(buyers.map((buyer) => h.place(buyer)));
    const outcomes = answers.map(({ body }) => body.data!.placeOrder!.order?.status ?? body.data!.placeOrder!.errors[0]?.code);
    expect(outcomes.filter((o) => o === 'PAID')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'OUT_OF_STOCK')).toHaveLength(15);
    expect(await h.stockOf(variantId)).toBe(0);
    const refused = answers.find(({ body }) => body.data!.placeOrder!.errors.length > 0)!.body.data!.placeOrder!;
    expect(refused).toEqual({ order: null, errors: [expect.objectContaining({ code: 'OUT_OF_STOCK', message: expect.stringContaining(variantId) as string })] });
  });

  it('when a key is replayed, then the same order comes back with one charge; 10 concurrent duplicates make one order and one charge', async () => {
    const variantId = await freshVariant(20);
    const web = h.webShopper();
    await h.add(web, variantId, 1);
    const key = randomUUID();
    const first = (await h.place(web, orderInput(), key)).body.data!.placeOrder!.order!;
    const again = (await h.place(web, orderInput(), key)).body.data!.placeOrder!.order!;
    expect(again).toEqual(first);
    expect((await h.charged()).has(first.id)).toBe(true);
    expect(await h.stockOf(variantId)).toBe(19);

    const racer = h.webShopper();
    await h.add(racer, variantId, 1);
    const racingKey = randomUUID();
    const chargesBefore = (await h.charged()).size;
    const answers = await Promise.all(Array.from({ length: 10 }, () => h.place(racer, orderInput(), racingKey)));
    const ids = new Set(answers.map(({ body }) => body.data!.placeOrder!.order?.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^ord_/);
    expect((await h.charged()).size).toBe(chargesBefore + 1);
    expect(await h.stockOf(variantId)).toBe(18);

    // Keys belong to their owner: another shopper's order under the same key is its own.
    const stranger = h.webShopper();
    await h.add(stranger, variantId, 1);
    const theirs = (await h.place(stranger, orderInput(), racingKey)).body.data!.placeOrder!.order!;
    expect(theirs.status).toBe('PAID');
    expect(ids.has(theirs.id)).toBe(false);
    expect(await h.stockOf(variantId)).toBe(17);
  });

  it('when a key is reused with a different input, then IDEMPOTENCY_KEY_REUSED and nothing more is written; a new key is a new order', async () => {
    const variantId = await freshVariant(10);
    const web = h.webShopper();
    await h.add(web, variantId, 1);
    const key = randomUUID();
    await h.place(web, orderInput({}, TEST_PAYMENT_TOKENS.decline), key);
    expect(await h.stockOf(variantId)).toBe(10);
    const reused = (await h.place(web, orderInput({ email: 'other@example.com' }), key)).body.data!.placeOrder!;
    expect(reused).toEqual({ order: null, errors: [expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['idempotencyKey'] })] });
    expect(await h.stockOf(variantId)).toBe(10);
    // Control: the declined key answers its decline again; a fresh key places the order.
    expect((await h.place(web, orderInput({}, TEST_PAYMENT_TOKENS.decline), key)).body.data!.placeOrder!.errors[0]!.code).toBe('PAYMENT_DECLINED');
    expect((await h.place(web, orderInput())).body.data!.placeOrder!.order!.status).toBe('PAID');
    expect(await h.stockOf(variantId)).toBe(9);
  });

  it('when a payment is declined, then PAYMENT_DECLINED, nothing charged, stock back, and the cart can still be ordered', async () => {
    const variantId = await freshVariant(4);
    const web = h.webShopper();
    await h.add(web, variantId, 2);
    const declined = (await h.place(web, orderInput({}, TEST_PAYMENT_TOKENS.decline))).body.data!.placeOrder!;
    expect(declined).toEqual({ order: null, errors: [expect.objectContaining({ code: 'PAYMENT_DECLINED', field: ['payment', 'token'] })] });
    expect(await h.stockOf(variantId)).toBe(4);
    expect((await h.place(web)).body.data!.placeOrder!.order!.status).toBe('PAID');
    expect(await h.stockOf(variantId)).toBe(2);
  });

  describe('bad input writes nothing', () => {
    const errorsOf = (answer: { body: { data?: PlaceOrderAnswer | null } }) => answer.body.data!.placeOrder!.errors.map(({ code, field }) => ({ code, field }));

    it('when the cart is empty, then CART_EMPTY', async () => {
      expect(errorsOf(await h.place(h.webShopper()))).toEqual([{ code: 'CART_EMPTY', field: null }]);
    });

    it('when email, address, method, country or token are wrong, then one error per field, and stock is untouched', async () => {
      const variantId = await freshVariant(3);
      const web = h.webShopper();
      await h.add(web, variantId, 1);
      const cases: [Record<string, unknown>, { code: string; field: string[] }[]][] = [
        [{ email: 'not-an-email' }, [{ code: 'INVALID_EMAIL', field: ['email'] }]],
        [{ email: '' }, [{ code: 'INVALID_EMAIL', field: ['email'] }]],
        [
          { shippingAddress: { name: ' ', line1: '1 Main St', city: '', postalCode: '12345', countryCode: 'US' } },
          [
            { code: 'INVALID_ADDRESS', field: ['shippingAddress', 'name'] },
            { code: 'INVALID_ADDRESS', field: ['shippingAddress', 'city'] },
          ],
        ],
        [{ shippingAddress: { name: 'A', line1: '1 Main St', city: 'X', postalCode: '', countryCode: 'ZZ' } }, [
          { code: 'INVALID_ADDRESS', field: ['shippingAddress', 'postalCode'] },
          { code: 'INVALID_ADDRESS', field: ['shippingAddress', 'countryCode'] },
        ]],
        [{ shippingMethodId: 'teleport' }, [{ code: 'UNKNOWN_SHIPPING_METHOD', field: ['shippingMethodId'] }]],
        [{ shippingMethodId: 'express', shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', countryCode: 'DE' } }, [{ code: 'COUNTRY_NOT_SERVED', field: ['shippingAddress', 'countryCode'] }]],
        [{ payment: { token: '' } }, [{ code: 'INVALID_PAYMENT_TOKEN', field: ['payment', 'token'] }]],
      ];
      for (const [override, expected] of cases) expect(errorsOf(await h.place(web, orderInput(override)))).toEqual(expected);
      expect(await h.stockOf(variantId)).toBe(3);
      // Control: the same cart with a good input orders; Germany is served by standard shipping.
      const good = await h.place(web, orderInput({ shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', countryCode: 'DE' } }));
      expect(good.body.data!.placeOrder!.order!.status).toBe('PAID');
    });

    it('when the input carries a price, then GraphQL refuses it and nothing is ordered', async () => {
      const variantId = await freshVariant(3);
      const web = h.webShopper();
      await h.add(web, variantId, 1);
      const answer = await web.request(PLACE_ORDER, { input: { ...orderInput(), total: { amount: 1, currencyCode: 'USD' } }, idempotencyKey: randomUUID() });
      expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(await h.stockOf(variantId)).toBe(3);
    });

    it('when the idempotency key is 10,000 characters, then INVALID_IDEMPOTENCY_KEY; 255 characters is accepted', async () => {
      const variantId = await freshVariant(3);
      const web = h.webShopper();
      await h.add(web, variantId, 1);
      expect(errorsOf(await h.place(web, orderInput(), 'k'.repeat(10_000)))).toEqual([{ code: 'INVALID_IDEMPOTENCY_KEY', field: ['idempotencyKey'] }]);
      expect(await h.stockOf(variantId)).toBe(3);
      expect((await h.place(web, orderInput(), 'k'.repeat(255))).body.data!.placeOrder!.order!.status).toBe('PAID');
    });

    it('when the cart moved on from cartVersion, then CART_CHANGED; the current version orders', async () => {
      const variantId = await freshVariant(5);
      const web = h.webShopper();
      const before = await h.add(web, variantId, 1);
      const after = await h.add(web, variantId, 1);
      expect(errorsOf(await h.place(web, orderInput({ cartVersion: before.version })))).toEqual([{ code: 'CART_CHANGED', field: ['cartVersion'] }]);
      expect(await h.stockOf(variantId)).toBe(5);
      expect((await h.place(web, orderInput({ cartVersion: after.version }))).body.data!.placeOrder!.order!.lines[0]!.quantity).toBe(2);
    });

    it('when the cart is already checked out, then CART_NOT_ACTIVE under a new key', async () => {
      const variantId = await freshVariant(5);
      const web = h.webShopper();
      await h.add(web, variantId, 1);
      expect((await h.place(web)).body.data!.placeOrder!.order!.status).toBe('PAID');
      expect(errorsOf(await h.place(web))).toEqual([{ code: 'CART_NOT_ACTIVE', field: null }]);
      expect(await h.stockOf(variantId)).toBe(4);
    });

    it('when orders is asked for 500 or with a foreign cursor, then BAD_USER_INPUT', async () => {
      const { web } = await h.customer();
      expect((await web.request(ORDERS, { first: 500 })).body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect((await web.request(ORDERS, { first: 5, after: 'bm90LWEtY3Vyc29y' })).body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect((await web.request(ORDERS, { first: 5 })).body.errors).toBeUndefined();
    });
  });
});
