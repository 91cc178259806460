import { HEADER_IDEMPOTENCY_KEY, HEADER_INTERNAL_CONTEXT } from '@shopgraph/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CartOwner } from '../src/domain/cart.js';
import { customerOwner, guestOwner, inSeconds, newSessionId, startCartTestServer, type CartTestServer } from './support/cart-test-server.js';

const CART_FIELDS = 'id version status lines { id quantity variant { id } }';
const ADD = `mutation ($variantId: ID!, $quantity: Int!) { addToCart(variantId: $variantId, quantity: $quantity) { cart { ${CART_FIELDS} } errors { code message field } } }`;
const UPDATE = `mutation ($lineId: ID!, $quantity: Int!) { updateCartLine(lineId: $lineId, quantity: $quantity) { cart { ${CART_FIELDS} } errors { code message field } } }`;
const REMOVE = `mutation ($lineId: ID!) { removeCartLine(lineId: $lineId) { cart { ${CART_FIELDS} } errors { code message field } } }`;
const CART = `query { cart { ${CART_FIELDS} } }`;

interface CartView {
  id: string;
  version: number;
  status: string;
  lines: { id: string; quantity: number; variant: { id: string } }[];
}
interface Payload {
  cart: CartView | null;
  errors: { code: string; message: string; field: string[] | null }[];
}

describe('a cart around its order', () => {
  let cart: CartTestServer;

  beforeAll(async () => {
    cart = await startCartTestServer('cart-hold');
  });
  afterAll(() => cart?.stop());

  const sessionOf = (owner: CartOwner) => (owner.kind === 'customer' ? { sessionId: newSessionId(), customerId: owner.customerId } : { sessionId: owner.sessionId });
  const change = async (owner: CartOwner, query: string, variables: Record<string, unknown>): Promise<Payload> => {
    const answer = await cart.graphql<Record<string, Payload>>(sessionOf(owner), query, variables);
    expect(answer.errors).toBeUndefined();
    return Object.values(answer.data!)[0]!;
  };
  const add = (owner: CartOwner, variantId: string, quantity = 1) => change(owner, ADD, { variantId, quantity });
  const read = async (owner: CartOwner) => (await cart.graphql<{ cart: CartView | null }>(sessionOf(owner), CART)).data!.cart;
  const hold = async (owner: CartOwner, cartId: string, version: number, orderId: string, heldUntil = inSeconds(600)) =>
    (await cart.checkout('hold', owner, { cartId, version, orderId, heldUntil })).body['result'];
  const quantities = (view: CartView | null | undefined) => Object.fromEntries((view?.lines ?? []).map((line) => [line.variant.id, line.quantity]));

  describe('read-only while its order is paid', () => {
    it('when an order holds the cart, then every change is refused CART_READ_ONLY saying an order is being paid, and nothing changes; released, the same changes go through', async () => {
      const owner = guestOwner();
      const stored = await cart.seedCart(owner, ['var_1', 'var_2']);
      const [line1, line2] = stored.lines;
      expect(await hold(owner, stored.id, 1, 'ord_1')).toBe('held');
      const before = await cart.storedItem(owner);

      const refusals = [
        await add(owner, 'var_3'),
        await add(owner, 'var_1', 2),
        await change(owner, UPDATE, { lineId: line1!.id, quantity: 5 }),
        await change(owner, UPDATE, { lineId: line1!.id, quantity: 0 }),
        await change(owner, REMOVE, { lineId: line2!.id }),
      ];
      for (const refused of refusals) {
        expect(refused.errors).toEqual([{ code: 'CART_READ_ONLY', message: expect.stringMatching(/order of this cart is being paid/) as string, field: null }]);
        expect(refused.cart).toMatchObject({ id: stored.id, status: 'PENDING_ORDER', version: 2 });
        expect(quantities(refused.cart)).toEqual({ var_1: 1, var_2: 1 });
      }
      expect(await cart.storedItem(owner)).toEqual(before);
      // It still reads as usual, its status saying why it does not change.
      expect(await read(owner)).toMatchObject({ id: stored.id, status: 'PENDING_ORDER', version: 2, lines: [{ id: line1!.id }, { id: line2!.id }] });

      // Control: released, the same changes land on the same cart.
      expect((await cart.checkout('release', owner, { cartId: stored.id, orderId: 'ord_1' })).body).toEqual({ result: 'released' });
      const added = await add(owner, 'var_3');
      expect(added.errors).toEqual([]);
      expect(added.cart).toMatchObject({ id: stored.id, status: 'ACTIVE', version: 4 });
      expect((await change(owner, UPDATE, { lineId: line1!.id, quantity: 5 })).errors).toEqual([]);
      expect((await change(owner, REMOVE, { lineId: line2!.id })).errors).toEqual([]);
      expect(quantities(await read(owner))).toEqual({ var_1: 5, var_3: 1 });
    });

    it('when a change planned from a read before the hold is written after it, then the write is refused; planned after the release, it lands', async () => {
      const owner = customerOwner();
      const stored = await cart.seedCart(owner, ['var_1']);
      const now = () => new Date();
      const price = { amount: 1, currencyCode: 'USD' };
      expect(await hold(owner, stored.id, 1, 'ord_1')).toBe('held');
      const held = await cart.storedItem(owner);
      // `stored` is the cart as read before the hold, still ACTIVE at version 1.
      expect(await cart.carts.addUnits(stored, { variantId: 'var_2', added: 1, maxTotal: 999, unitPrice: price, changeId: 'chg_1' }, now())).toBeUndefined();
      expect(await cart.carts.setQuantity(stored, { variantId: 'var_1', quantity: 3, unitPrice: price }, now())).toBeUndefined();
      expect(await cart.carts.removeLine(stored, { variantId: 'var_1' }, now())).toBeUndefined();
      expect(await cart.storedItem(owner)).toEqual(held);

      expect((await cart.checkout('release', owner, { cartId: stored.id, orderId: 'ord_1' })).body).toEqual({ result: 'released' });
      const reread = (await cart.carts.findByOwner(owner))!;
      expect(await cart.carts.addUnits(reread, { variantId: 'var_2', added: 1, maxTotal: 999, unitPrice: price, changeId: 'chg_1' }, now())).toMatchObject({ status: 'ACTIVE', version: 4 });
    });

    it('when an add that landed before the hold is retried during it, then it answers as it did and adds nothing', async () => {
      const owner = customerOwner();
      const session = sessionOf(owner);
      const first = await cart.post('/graphql', { query: ADD, variables: { variantId: 'var_1', quantity: 2 } }, await retryHeaders(session));
      expect(first.status).toBe(200);
      const view = await read(owner);
      expect(await hold(owner, view!.id, view!.version, 'ord_1')).toBe('held');
      const retried = await cart.post('/graphql', { query: ADD, variables: { variantId: 'var_1', quantity: 2 } }, await retryHeaders(session));
      expect((retried.body['data'] as { addToCart: Payload }).addToCart).toMatchObject({ errors: [], cart: { status: 'PENDING_ORDER', lines: [{ quantity: 2 }] } });
      // Control: a new add (no idempotency key) is refused.
      expect((await add(owner, 'var_1', 2)).errors).toEqual([expect.objectContaining({ code: 'CART_READ_ONLY' })]);
    });

    async function retryHeaders(session: { sessionId: string; customerId?: string }) {
      return { [HEADER_INTERNAL_CONTEXT]: await cart.gatewaySigner.sign({ session }, 'cart'), [HEADER_IDEMPOTENCY_KEY]: 'retry-before-the-hold-0001' };
    }
  });

  describe('a hold past its end', () => {
    it('when the hold has lapsed, then the cart reads ACTIVE and takes changes, and the first change ends the hold in the table', async () => {
      const owner = guestOwner();
      const stored = await cart.seedCart(owner, ['var_1']);
      // Written already past its end: as if checkout crashed after holding the cart.
      expect(await hold(owner, stored.id, 1, 'ord_1', inSeconds(-1))).toBe('held');
      expect(await cart.storedItem(owner)).toMatchObject({ status: 'PENDING_ORDER', heldOrderId: 'ord_1' });

      expect(await read(owner)).toMatchObject({ status: 'ACTIVE', version: 2 });
      const added = await add(owner, 'var_2');
      expect(added.errors).toEqual([]);
      expect(added.cart).toMatchObject({ id: stored.id, status: 'ACTIVE', version: 3 });
      const item = await cart.storedItem(owner);
      expect(item).toMatchObject({ status: 'ACTIVE', version: 3, qty: { var_1: 1, var_2: 1 } });
      expect(item).not.toHaveProperty('heldOrderId');
      expect(item).not.toHaveProperty('heldUntil');
      // The cart changed after the hold: its order can no longer close it, nor release it.
      expect((await cart.checkout('mark-checked-out', owner, { cartId: stored.id, orderId: 'ord_1' })).body).toEqual({ result: 'not-found' });
      expect((await cart.checkout('release', owner, { cartId: stored.id, orderId: 'ord_1' })).body).toEqual({ result: 'not-held' });
      expect(await cart.storedItem(owner)).toEqual(item);
    });

    it('when a lapsed hold is followed by nothing, then another order can hold the cart at the version read, and the lapsed order no longer can', async () => {
      const owner = customerOwner();
      const stored = await cart.seedCart(owner, ['var_1']);
      expect(await hold(owner, stored.id, 1, 'ord_1', inSeconds(-1))).toBe('held');
      const view = await read(owner);
      expect(view).toMatchObject({ status: 'ACTIVE', version: 2 });
      expect(await hold(owner, stored.id, view!.version, 'ord_2')).toBe('held');
      expect(await cart.storedItem(owner)).toMatchObject({ status: 'PENDING_ORDER', heldOrderId: 'ord_2', version: 3 });
      expect((await cart.checkout('mark-checked-out', owner, { cartId: stored.id, orderId: 'ord_1' })).body).toEqual({ result: 'not-found' });
    });

    it('when nothing wrote the cart after its hold lapsed, then the order still closes it: its lines are still exactly the order’s', async () => {
      const owner = guestOwner();
      const stored = await cart.seedCart(owner, ['var_1']);
      expect(await hold(owner, stored.id, 1, 'ord_1', inSeconds(-1))).toBe('held');
      expect((await cart.checkout('mark-checked-out', owner, { cartId: stored.id, orderId: 'ord_1' })).body).toEqual({ result: 'marked' });
      expect(await cart.storedItem(owner)).toMatchObject({ status: 'CHECKED_OUT', checkedOutOrderId: 'ord_1', qty: { var_1: 1 } });
    });
  });

  describe('the hand-over at sign-in', () => {
    it('when an order holds the guest cart, then the hand-over is pending (409) and nothing moves; released, it merges', async () => {
      const guest = guestOwner();
      const customer = customerOwner();
      const stored = await cart.seedCart(guest, ['var_1', 'var_2']);
      expect(await hold(guest, stored.id, 1, 'ord_g')).toBe('held');
      const before = await cart.storedItem(guest);

      expect(await cart.mergeGuestCart(guest.sessionId, customer.customerId)).toEqual({ status: 409, body: { outcome: 'pending' } });
      expect(await cart.storedItem(guest)).toEqual(before);
      expect(await cart.storedItem(customer)).toBeUndefined();

      // Control: declined, the guest cart is ACTIVE again and the next ask merges it.
      expect((await cart.checkout('release', guest, { cartId: stored.id, orderId: 'ord_g' })).body).toEqual({ result: 'released' });
      const merged = await cart.mergeGuestCart(guest.sessionId, customer.customerId);
      expect(merged).toMatchObject({ status: 200, body: { outcome: 'merged', report: { linesAdded: 2, linesCombined: 0, capped: [] } } });
      expect(quantities(await read(customer))).toEqual({ var_1: 1, var_2: 1 });
      expect(await cart.storedItem(guest)).toMatchObject({ status: 'MERGED' });
    });

    it('when the guest’s order is paid while the hand-over waits, then there is nothing to merge and the customer’s cart stays as it was', async () => {
      const guest = guestOwner();
      const customer = customerOwner();
      await cart.seedCart(customer, ['var_9']);
      const customerBefore = await cart.storedItem(customer);
      const stored = await cart.seedCart(guest, ['var_1']);
      expect(await hold(guest, stored.id, 1, 'ord_g')).toBe('held');
      expect((await cart.mergeGuestCart(guest.sessionId, customer.customerId)).status).toBe(409);

      expect((await cart.checkout('mark-checked-out', guest, { cartId: stored.id, orderId: 'ord_g' })).body).toEqual({ result: 'marked' });
      expect(await cart.mergeGuestCart(guest.sessionId, customer.customerId)).toEqual({ status: 200, body: { outcome: 'nothing-to-merge' } });
      expect(await cart.storedItem(customer)).toEqual(customerBefore);
      expect(await cart.storedItem(guest)).toMatchObject({ status: 'CHECKED_OUT', checkedOutOrderId: 'ord_g' });
    });

    it('when an order holds the customer’s own cart, then the hand-over is pending and neither cart changes; released, it merges', async () => {
      const guest = guestOwner();
      const customer = customerOwner();
      const own = await cart.seedCart(customer, ['var_1']);
      await cart.seedCart(guest, ['var_1', 'var_2']);
      expect(await hold(customer, own.id, 1, 'ord_c')).toBe('held');
      const [guestBefore, customerBefore] = [await cart.storedItem(guest), await cart.storedItem(customer)];

      expect(await cart.mergeGuestCart(guest.sessionId, customer.customerId)).toEqual({ status: 409, body: { outcome: 'pending' } });
      expect(await cart.storedItem(guest)).toEqual(guestBefore);
      expect(await cart.storedItem(customer)).toEqual(customerBefore);

      expect((await cart.checkout('release', customer, { cartId: own.id, orderId: 'ord_c' })).body).toEqual({ result: 'released' });
      expect(await cart.mergeGuestCart(guest.sessionId, customer.customerId)).toMatchObject({ status: 200, body: { outcome: 'merged' } });
      expect(quantities(await read(customer))).toEqual({ var_1: 2, var_2: 1 });
    });

    it('when the guest cart’s hold has lapsed, then it merges', async () => {
      const guest = guestOwner();
      const customer = customerOwner();
      const stored = await cart.seedCart(guest, ['var_1']);
      expect(await hold(guest, stored.id, 1, 'ord_g', inSeconds(-1))).toBe('held');
      expect(await cart.mergeGuestCart(guest.sessionId, customer.customerId)).toMatchObject({ status: 200, body: { outcome: 'merged' } });
      expect(quantities(await read(customer))).toEqual({ var_1: 1 });
      const item = await cart.storedItem(guest);
      expect(item).toMatchObject({ status: 'MERGED' });
      expect(item).not.toHaveProperty('heldOrderId');
    });
  });

  describe('the line limit every order can take', () => {
    const variants = (count: number, from = 0) => Array.from({ length: count }, (_, index) => `var_${String(from + index).padStart(3, '0')}`);

    it('when a cart holds 95 lines, then a 96th variant is added; at 96, the next one is refused CART_LINE_LIMIT and nothing changes, while a line still grows', async () => {
      const owner = customerOwner();
      await cart.seedCart(owner, variants(95));
      const added = await add(owner, 'var_095');
      expect(added.errors).toEqual([]);
      expect(added.cart!.lines).toHaveLength(96);
      const full = await cart.storedItem(owner);

      const refused = await add(owner, 'var_096');
      expect(refused.errors).toEqual([{ code: 'CART_LINE_LIMIT', message: 'A cart holds at most 96 different variants. Nothing was added.', field: ['variantId'] }]);
      expect(refused.cart!.lines).toHaveLength(96);
      expect(await cart.storedItem(owner)).toEqual(full);

      const grown = await add(owner, 'var_000');
      expect(grown.errors).toEqual([]);
      expect(grown.cart!.lines).toHaveLength(96);
    });

    it('when a cart stored under the older limit holds 100 lines, then it takes no new variant', async () => {
      const owner = guestOwner();
      await cart.seedCart(owner, variants(100));
      expect((await add(owner, 'var_100')).errors).toEqual([expect.objectContaining({ code: 'CART_LINE_LIMIT' })]);
    });
  });
});
