import { createCartRepository } from '@shopgraph/cart';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { customerOnTwoDevices, type Storefront } from '../support/shoppers.js';
import { startStack, type TestStack } from '../support/stack.js';

const ADD = contractOperation('AddToCart');
const UPDATE = contractOperation('UpdateCartLine');
const REMOVE = contractOperation('RemoveCartLine');
const CART = contractOperation('Cart');

interface CartData {
  id: string;
  version: number;
  status: string;
  totalQuantity: number;
  subtotal: { amount: number };
  lines: { id: string; quantity: number; unitPrice: { amount: number }; lineTotal: { amount: number }; variant: { id: string; sku: string } }[];
}
interface UserError {
  code: string;
  message: string;
  field: string[] | null;
}
type Payload = { cart: CartData | null; errors: UserError[] };

/** An anonymous cart lives 3 s here, so expiry can be watched; a customer's keeps its 90-day default. */
const ANONYMOUS_TTL_SECONDS = 3;

describe('cart lines through the gateway, on every device', () => {
  let stack: TestStack;
  let variants: string[];

  beforeAll(async () => {
    stack = await startStack({ products: 40, cartEnv: { CART_ANONYMOUS_TTL_DAYS: String(ANONYMOUS_TTL_SECONDS / 86_400) } });
    variants = stack.catalog.variantIds.slice(0, 24);
    await stack.setStock(Object.fromEntries(variants.map((id) => [id, 5_000])));
  });
  afterAll(() => stack?.stop());

  const add = async (shop: Storefront, variantId: string, quantity: unknown) =>
    (await shop.request<{ addToCart: Payload }>(ADD, { variantId, quantity })).body.data!.addToCart;
  const update = async (shop: Storefront, lineId: string, quantity: unknown, expectedVersion?: number) =>
    (await shop.request<{ updateCartLine: Payload }>(UPDATE, { lineId, quantity, ...(expectedVersion !== undefined ? { expectedVersion } : {}) })).body.data!
      .updateCartLine;
  const remove = async (shop: Storefront, lineId: string) => (await shop.request<{ removeCartLine: Payload }>(REMOVE, { lineId })).body.data!.removeCartLine;
  const cartOf = async (shop: Storefront) => (await shop.request<{ cart: CartData | null }>(CART)).body.data!.cart;
  const lineOf = (cart: CartData | null, variantId: string) => cart?.lines.find((line) => line.variant.id === variantId);

  it('when the phone adds and the web changes the quantity, then each device sees the other’s change', async () => {
    const { web, phone } = await customerOnTwoDevices(stack.gatewayUrl);
    const added = await add(phone, variants[0]!, 2);
    expect(added.errors).toEqual([]);
    const onWeb = await cartOf(web);
    expect(onWeb?.lines.map((line) => [line.variant.id, line.quantity])).toEqual([[variants[0], 2]]);

    const changed = await update(web, onWeb!.lines[0]!.id, 7);
    expect(changed.errors).toEqual([]);
    expect(changed.cart!.lines[0]).toMatchObject({ quantity: 7 });
    expect(changed.cart!.lines[0]!.lineTotal.amount).toBe(7 * changed.cart!.lines[0]!.unitPrice.amount);
    const onPhone = await cartOf(phone);
    expect(onPhone).toMatchObject({ id: onWeb!.id, totalQuantity: 7, version: onWeb!.version + 1 });
  });

  it('when 50 adds of one unit come at once from two devices, then all 50 land and the line holds exactly 50', async () => {
    const { web, phone } = await customerOnTwoDevices(stack.gatewayUrl);
    const results = await Promise.all(Array.from({ length: 50 }, (_, index) => add(index % 2 ? web : phone, variants[1]!, 1)));
    expect(results.flatMap((result) => result.errors)).toEqual([]);
    const cart = await cartOf(web);
    expect(lineOf(cart, variants[1]!)?.quantity).toBe(50);
    expect(cart?.lines).toHaveLength(1);
    // Every add raised the version once: none was lost, none applied twice.
    expect(cart?.version).toBe(50);
  });

  it('when 50 adds come at once with removals of other lines, then every add lands and only the removed lines are gone', async () => {
    const { web, phone } = await customerOnTwoDevices(stack.gatewayUrl);
    const kept = variants.slice(2, 12);
    for (const variantId of kept) await add(web, variantId, 1);
    const lines = (await cartOf(web))!.lines;
    const removed = lines.slice(0, 5);
    const changes = [
      ...Array.from({ length: 50 }, (_, index) => () => add(index % 2 ? web : phone, variants[12 + (index % 4)]!, 1)),
      ...removed.map((line, index) => () => remove(index % 2 ? phone : web, line.id)),
    ];
    const results = await Promise.all(changes.map((change) => change()));
    expect(results.flatMap((result) => result.errors)).toEqual([]);
    const cart = await cartOf(phone);
    for (const offset of [0, 1, 2, 3]) expect(lineOf(cart, variants[12 + offset]!)?.quantity).toBe(12 + (offset < 2 ? 1 : 0));
    expect(cart?.lines.map((line) => line.variant.id).filter((id) => kept.includes(id))).toEqual(kept.slice(5));
    expect(cart?.totalQuantity).toBe(50 + 5);
  });

  it('when a quantity is set to 0 or a line removed, then the line is gone and the totals follow', async () => {
    const { web, phone } = await customerOnTwoDevices(stack.gatewayUrl);
    await add(web, variants[0]!, 2);
    const { cart } = await add(web, variants[2]!, 3);
    const [first, second] = cart!.lines;
    const afterZero = await update(phone, first!.id, 0);
    expect(afterZero.errors).toEqual([]);
    expect(afterZero.cart!.lines.map((line) => line.id)).toEqual([second!.id]);
    expect(afterZero.cart!.totalQuantity).toBe(3);
    const afterRemove = await remove(web, second!.id);
    expect(afterRemove).toMatchObject({ errors: [], cart: { lines: [], totalQuantity: 0, subtotal: { amount: 0 } } });
    // A removed line is not found any more: the second removal changes nothing.
    const again = await remove(web, second!.id);
    expect(again.errors.map((error) => error.code)).toEqual(['CART_LINE_NOT_FOUND']);
    expect(again.cart!.version).toBe(afterRemove.cart!.version);
  });

  it('when expectedVersion is stale, then CART_VERSION_CONFLICT comes back with the current cart and nothing changes', async () => {
    const { web, phone } = await customerOnTwoDevices(stack.gatewayUrl);
    const { cart } = await add(web, variants[0]!, 1);
    const seenVersion = cart!.version;
    await add(phone, variants[2]!, 1);
    const stale = await update(web, cart!.lines[0]!.id, 5, seenVersion);
    expect(stale.errors).toEqual([expect.objectContaining({ code: 'CART_VERSION_CONFLICT', field: ['expectedVersion'] })]);
    expect(stale.cart).toMatchObject({ version: seenVersion + 1, totalQuantity: 2 });
    expect(lineOf(await cartOf(web), variants[0]!)?.quantity).toBe(1);
    // Control: with the version the cart is at, the same change applies.
    const current = await update(web, cart!.lines[0]!.id, 5, seenVersion + 1);
    expect(current.errors).toEqual([]);
    expect(lineOf(current.cart, variants[0]!)?.quantity).toBe(5);
  });

  it.each([-1, 1000])('when an update asks for %s units, then INVALID_QUANTITY comes back and nothing is written', async (quantity) => {
    const { web } = await customerOnTwoDevices(stack.gatewayUrl);
    const { cart } = await add(web, variants[0]!, 2);
    const answer = await update(web, cart!.lines[0]!.id, quantity);
    expect(answer.errors).toEqual([expect.objectContaining({ code: 'INVALID_QUANTITY', field: ['quantity'] })]);
    expect(answer.cart).toMatchObject({ version: cart!.version, totalQuantity: 2 });
  });

  it.each([2.5, 'three', null])('when a quantity is %j, then GraphQL refuses the request before any cart is touched', async (quantity) => {
    const { web } = await customerOnTwoDevices(stack.gatewayUrl);
    const { cart } = await add(web, variants[0]!, 2);
    for (const [query, variables] of [
      [ADD, { variantId: variants[0], quantity }],
      [UPDATE, { lineId: cart!.lines[0]!.id, quantity }],
    ] as const) {
      // Under the GraphQL-over-HTTP media type, a request GraphQL refuses answers 400.
      const { status, body } = await web.request(query, variables, { accept: 'application/graphql-response+json' });
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await cartOf(web)).toMatchObject({ version: cart!.version, totalQuantity: 2 });
  });

  it('when a line id is unknown, malformed or another shopper’s, then each answers the same CART_LINE_NOT_FOUND and nothing is written', async () => {
    const { web } = await customerOnTwoDevices(stack.gatewayUrl);
    const stranger = createStorefront(stack.gatewayUrl);
    const theirs = (await add(stranger, variants[3]!, 4)).cart!.lines[0]!.id;
    const { cart } = await add(web, variants[0]!, 1);
    const unknown = cart!.lines[0]!.id.slice(0, -2) + (cart!.lines[0]!.id.endsWith('A') ? 'BB' : 'AA');
    const answers: UserError[] = [];
    for (const lineId of [theirs, unknown, 'line_not-base64!', '', 'x'.repeat(5_000)]) {
      const changed = await update(web, lineId, 3);
      const removed = await remove(web, lineId);
      answers.push(...changed.errors, ...removed.errors);
      expect(changed.cart).toMatchObject({ version: cart!.version });
    }
    expect(new Set(answers.map((error) => JSON.stringify(error)))).toEqual(
      new Set([JSON.stringify({ code: 'CART_LINE_NOT_FOUND', message: 'This cart has no line with this id.', field: ['lineId'] })]),
    );
    expect(answers).toHaveLength(10);
    expect((await cartOf(stranger))!.lines[0]!.quantity).toBe(4);
    expect(await cartOf(web)).toMatchObject({ version: cart!.version, totalQuantity: 1 });
  });

  it('when a cart holds 100 lines, then a 101st variant is refused while an existing line still grows', async () => {
    const { web, customerId } = await customerOnTwoDevices(stack.gatewayUrl);
    const carts = createCartRepository({ client: stack.tables.client, tableName: stack.tables.names.cart, lifetimes: { sessionSeconds: 60, customerSeconds: 600 } });
    const at = new Date().toISOString();
    const hundred = stack.catalog.variantIds.slice(0, 100);
    expect(hundred).toHaveLength(100);
    await carts.create(
      {
        id: 'cart_hundredlines00000',
        owner: { kind: 'customer', customerId },
        version: 1,
        status: 'ACTIVE',
        lines: hundred.map((variantId, index) => ({ id: '', variantId, quantity: 1, unitPriceSnapshot: { amount: 100, currencyCode: 'USD' }, addedAt: new Date(Date.parse(at) + index).toISOString() })),
        createdAt: at,
        updatedAt: at,
        expiresAt: at,
      },
      undefined,
    );
    const extra = stack.catalog.variantIds[100]!;
    await stack.setStock({ [extra]: 10, [hundred[0]!]: 10 });
    const refused = await add(web, extra, 1);
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'CART_LINE_LIMIT', field: ['variantId'] })]);
    expect(refused.cart).toMatchObject({ version: 1 });
    const grown = await add(web, hundred[0]!, 1);
    expect(grown.errors).toEqual([]);
    expect(grown.cart!.lines).toHaveLength(100);
    expect(grown.cart!.totalQuantity).toBe(101);
  });

  it('when more units are asked for than are in stock, then what is in stock is added and NOT_ENOUGH_STOCK says how many', async () => {
    const { web } = await customerOnTwoDevices(stack.gatewayUrl);
    const [scarce, soldOut] = [stack.catalog.variantIds[30]!, stack.catalog.variantIds[31]!];
    await stack.setStock({ [scarce]: 3, [soldOut]: 0 });
    const cut = await add(web, scarce, 5);
    expect(cut.errors).toEqual([{ code: 'NOT_ENOUGH_STOCK', message: 'Only 3 in stock; the line now holds 3.', field: ['quantity'] }]);
    expect(lineOf(cut.cart, scarce)?.quantity).toBe(3);
    const none = await add(web, soldOut, 1);
    expect(none.errors.map((error) => error.code)).toEqual(['NOT_ENOUGH_STOCK']);
    expect(lineOf(none.cart, soldOut)).toBeUndefined();
    expect(none.cart!.version).toBe(cut.cart!.version);
    const raised = await update(web, cut.cart!.lines[0]!.id, 9);
    expect(raised.errors.map((error) => error.code)).toEqual(['NOT_ENOUGH_STOCK']);
    expect(lineOf(raised.cart, scarce)?.quantity).toBe(3);
  });

  it('when a cart has been checked out, then it is read-only and the next add starts a new cart', async () => {
    const { web, phone, customerId } = await customerOnTwoDevices(stack.gatewayUrl);
    const carts = createCartRepository({ client: stack.tables.client, tableName: stack.tables.names.cart, lifetimes: { sessionSeconds: 60, customerSeconds: 600 } });
    const { cart } = await add(web, variants[0]!, 2);
    // Checkout closes only a cart its order holds.
    const hold = { cartId: cart!.id, version: cart!.version, orderId: 'ord_test', heldUntil: new Date(Date.now() + 600_000).toISOString() };
    expect(await carts.hold({ kind: 'customer', customerId }, hold)).toBe('held');
    expect(await carts.markCheckedOut({ kind: 'customer', customerId }, cart!.id, 'ord_test')).toBe('marked');
    expect(await carts.markCheckedOut({ kind: 'customer', customerId }, cart!.id, 'ord_test')).toBe('already-marked');
    expect(await carts.markCheckedOut({ kind: 'customer', customerId }, cart!.id, 'ord_other')).toBe('not-found');

    const shown = await cartOf(phone);
    expect(shown).toMatchObject({ id: cart!.id, status: 'CHECKED_OUT', totalQuantity: 2 });
    for (const answer of [await update(phone, cart!.lines[0]!.id, 5), await remove(web, cart!.lines[0]!.id)]) {
      expect(answer.errors.map((error) => error.code)).toEqual(['CART_READ_ONLY']);
      expect(answer.cart).toMatchObject({ status: 'CHECKED_OUT', totalQuantity: 2 });
    }
    const next = await add(phone, variants[2]!, 1);
    expect(next.errors).toEqual([]);
    expect(next.cart).toMatchObject({ status: 'ACTIVE', totalQuantity: 1 });
    expect(next.cart!.id).not.toBe(cart!.id);
    expect(next.cart!.version).toBeGreaterThan(shown!.version);
  });

  it('when nobody touches an anonymous cart for its lifetime, then it reads as gone and the next add starts a new one', async () => {
    const shop = createStorefront(stack.gatewayUrl);
    const { cart } = await add(shop, variants[0]!, 1);
    const expiresAt = Date.parse((await shop.request<{ cart: { expiresAt: string } }>('{ cart { expiresAt } }')).body.data!.cart.expiresAt);
    expect(expiresAt - Date.now()).toBeGreaterThan(0);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(ANONYMOUS_TTL_SECONDS * 1000);
    await new Promise((resolve) => setTimeout(resolve, expiresAt - Date.now() + 1_100));
    expect(await cartOf(shop)).toBeNull();
    const next = await add(shop, variants[2]!, 1);
    expect(next.cart!.id).not.toBe(cart!.id);
    expect(next.cart!.lines.map((line) => line.variant.id)).toEqual([variants[2]]);
  });

  it('when a customer’s cart changes, then its expiry is about 90 days out and moves on with the change', async () => {
    const { web } = await customerOnTwoDevices(stack.gatewayUrl);
    await add(web, variants[0]!, 1);
    const read = async () => Date.parse((await web.request<{ cart: { expiresAt: string } }>('{ cart { expiresAt } }')).body.data!.cart.expiresAt);
    const first = await read();
    expect(first - Date.now()).toBeGreaterThan(89 * 86_400_000);
    expect(first - Date.now()).toBeLessThanOrEqual(90 * 86_400_000);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await add(web, variants[0]!, 1);
    expect(await read()).toBeGreaterThan(first);
  });
});
