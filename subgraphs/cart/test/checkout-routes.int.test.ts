import { HEADER_INTERNAL_CONTEXT, HEADER_SERVICE_TOKEN } from '@shopgraph/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CartOwner } from '../src/domain/cart.js';
import { customerOwner, guestOwner, inSeconds, newSessionId, startCartTestServer, type CartTestServer } from './support/cart-test-server.js';

describe("cart's internal routes for checkout", () => {
  let cart: CartTestServer;

  beforeAll(async () => {
    cart = await startCartTestServer('checkout-routes');
  });
  afterAll(() => cart?.stop());

  const hold = (owner: CartOwner, body: { cartId: string; version: number; orderId: string; heldUntil?: string }) =>
    cart.checkout('hold', owner, { heldUntil: inSeconds(600), ...body });

  describe('cart', () => {
    it("when checkout asks with its own token, then it gets the owner's cart; an owner without one gets null", async () => {
      const owner = customerOwner();
      const stored = await cart.seedCart(owner, ['var_1']);
      const { status, body } = await cart.checkout('cart', owner, {});
      expect(status).toBe(200);
      expect(body).toEqual({ cart: { id: stored.id, version: 1, status: 'ACTIVE', lines: [{ id: stored.lines[0]!.id, variantId: 'var_1', quantity: 1 }] } });
      expect((await cart.checkout('cart', guestOwner(), {})).body).toEqual({ cart: null });
    });

    it('when an order holds the cart, then it reads PENDING_ORDER with the hold; past the hold, ACTIVE without it', async () => {
      const owner = guestOwner();
      const stored = await cart.seedCart(owner, ['var_1']);
      const heldUntil = inSeconds(600);
      await hold(owner, { cartId: stored.id, version: 1, orderId: 'ord_read', heldUntil });
      expect((await cart.checkout('cart', owner, {})).body).toMatchObject({ cart: { status: 'PENDING_ORDER', version: 2, heldBy: { orderId: 'ord_read', heldUntil } } });

      const lapsedOwner = guestOwner();
      const lapsed = await cart.seedCart(lapsedOwner, ['var_1']);
      await hold(lapsedOwner, { cartId: lapsed.id, version: 1, orderId: 'ord_read', heldUntil: inSeconds(-1) });
      const { body } = await cart.checkout('cart', lapsedOwner, {});
      expect(body).toMatchObject({ cart: { status: 'ACTIVE', version: 2 } });
      expect(body['cart']).not.toHaveProperty('heldBy');
    });
  });

  describe('hold', () => {
    it('when the cart is ACTIVE at that version, then it is held by the order in one write, its version raised and every line kept', async () => {
      const owner = guestOwner();
      const stored = await cart.seedCart(owner, ['var_1', 'var_2']);
      const heldUntil = inSeconds(600);
      expect((await hold(owner, { cartId: stored.id, version: 1, orderId: 'ord_1', heldUntil })).body).toEqual({ result: 'held' });
      expect(await cart.storedItem(owner)).toMatchObject({ status: 'PENDING_ORDER', version: 2, heldOrderId: 'ord_1', heldUntil, qty: { var_1: 1, var_2: 1 } });
    });

    it('when the cart changed since checkout read it, then version-moved and nothing is held; the current version holds it', async () => {
      const owner = customerOwner();
      const stored = await cart.seedCart(owner, ['var_1']);
      await cart.carts.addUnits(stored, { variantId: 'var_2', added: 1, maxTotal: 999, unitPrice: { amount: 1, currencyCode: 'USD' }, changeId: 'chg_1' }, new Date());
      const before = await cart.storedItem(owner);
      expect(before).toMatchObject({ status: 'ACTIVE', version: 2 });

      expect((await hold(owner, { cartId: stored.id, version: 1, orderId: 'ord_1' })).body).toEqual({ result: 'version-moved' });
      expect(await cart.storedItem(owner)).toEqual(before);
      // Control: at the version it is at now, the same hold is taken.
      expect((await hold(owner, { cartId: stored.id, version: 2, orderId: 'ord_1' })).body).toEqual({ result: 'held' });
      expect(await cart.storedItem(owner)).toMatchObject({ status: 'PENDING_ORDER', version: 3, heldOrderId: 'ord_1' });
    });

    it('when the same order holds it again, then already-held: a later heldUntil extends the hold, an earlier one changes nothing', async () => {
      const owner = guestOwner();
      const stored = await cart.seedCart(owner, ['var_1']);
      const first = inSeconds(600);
      await hold(owner, { cartId: stored.id, version: 1, orderId: 'ord_1', heldUntil: first });
      const held = await cart.storedItem(owner);

      // A retry, with the version checkout first read: the hold stands as it was.
      expect((await hold(owner, { cartId: stored.id, version: 1, orderId: 'ord_1', heldUntil: inSeconds(60) })).body).toEqual({ result: 'already-held' });
      expect(await cart.storedItem(owner)).toEqual(held);

      const later = inSeconds(1200);
      expect((await hold(owner, { cartId: stored.id, version: 1, orderId: 'ord_1', heldUntil: later })).body).toEqual({ result: 'already-held' });
      expect(await cart.storedItem(owner)).toMatchObject({ status: 'PENDING_ORDER', heldOrderId: 'ord_1', heldUntil: later, version: 3 });
    });

    it('when another order holds it, then version-moved and the first hold stands', async () => {
      const owner = guestOwner();
      const stored = await cart.seedCart(owner, ['var_1']);
      await hold(owner, { cartId: stored.id, version: 1, orderId: 'ord_1' });
      const held = await cart.storedItem(owner);
      expect((await hold(owner, { cartId: stored.id, version: 1, orderId: 'ord_2' })).body).toEqual({ result: 'version-moved' });
      expect((await hold(owner, { cartId: stored.id, version: 2, orderId: 'ord_2' })).body).toEqual({ result: 'version-moved' });
      expect(await cart.storedItem(owner)).toEqual(held);
    });

    it('when the owner has no such cart, then not-found and nothing is written', async () => {
      const owner = guestOwner();
      const stored = await cart.seedCart(owner, ['var_1']);
      const before = await cart.storedItem(owner);
      expect((await hold(owner, { cartId: 'cart_other', version: 1, orderId: 'ord_1' })).body).toEqual({ result: 'not-found' });
      expect(await cart.storedItem(owner)).toEqual(before);
      const nobody = guestOwner();
      expect((await hold(nobody, { cartId: stored.id, version: 1, orderId: 'ord_1' })).body).toEqual({ result: 'not-found' });
      expect(await cart.storedItem(nobody)).toBeUndefined();
    });
  });

  describe('release', () => {
    it('when the order holds the cart, then it is ACTIVE again with every line and a higher version; asked again, not-held', async () => {
      const owner = customerOwner();
      const stored = await cart.seedCart(owner, ['var_1', 'var_2', 'var_3']);
      await hold(owner, { cartId: stored.id, version: 1, orderId: 'ord_1' });
      expect((await cart.checkout('release', owner, { cartId: stored.id, orderId: 'ord_1' })).body).toEqual({ result: 'released' });
      const released = await cart.storedItem(owner);
      expect(released).toMatchObject({ status: 'ACTIVE', version: 3, qty: { var_1: 1, var_2: 1, var_3: 1 } });
      expect(released).not.toHaveProperty('heldOrderId');
      expect(released).not.toHaveProperty('heldUntil');
      expect((await cart.carts.findByOwner(owner))!.lines.map((line) => line.variantId)).toEqual(['var_1', 'var_2', 'var_3']);

      expect((await cart.checkout('release', owner, { cartId: stored.id, orderId: 'ord_1' })).body).toEqual({ result: 'not-held' });
      expect(await cart.storedItem(owner)).toEqual(released);
    });

    it('when another order, another cart or no hold is named, then not-held or not-found and nothing changes', async () => {
      const owner = guestOwner();
      const stored = await cart.seedCart(owner, ['var_1']);
      const active = await cart.storedItem(owner);
      expect((await cart.checkout('release', owner, { cartId: stored.id, orderId: 'ord_1' })).body).toEqual({ result: 'not-held' });
      expect(await cart.storedItem(owner)).toEqual(active);

      await hold(owner, { cartId: stored.id, version: 1, orderId: 'ord_1' });
      const held = await cart.storedItem(owner);
      expect((await cart.checkout('release', owner, { cartId: stored.id, orderId: 'ord_2' })).body).toEqual({ result: 'not-held' });
      expect((await cart.checkout('release', owner, { cartId: 'cart_other', orderId: 'ord_1' })).body).toEqual({ result: 'not-found' });
      expect((await cart.checkout('release', guestOwner(), { cartId: stored.id, orderId: 'ord_1' })).body).toEqual({ result: 'not-found' });
      expect(await cart.storedItem(owner)).toEqual(held);
      // Control: named by its own order, it is released.
      expect((await cart.checkout('release', owner, { cartId: stored.id, orderId: 'ord_1' })).body).toEqual({ result: 'released' });
    });
  });

  describe('mark-checked-out', () => {
    it('when the order holds the cart, then marked once (version raised, hold gone), already-marked for the same order, not-found for another order or cart', async () => {
      const owner = guestOwner();
      const stored = await cart.seedCart(owner, ['var_1']);
      await hold(owner, { cartId: stored.id, version: 1, orderId: 'ord_1' });
      expect((await cart.checkout('mark-checked-out', owner, { cartId: stored.id, orderId: 'ord_1' })).body).toEqual({ result: 'marked' });
      const marked = await cart.storedItem(owner);
      expect(marked).toMatchObject({ status: 'CHECKED_OUT', version: 3, checkedOutOrderId: 'ord_1' });
      expect(marked).not.toHaveProperty('heldOrderId');
      expect((await cart.checkout('mark-checked-out', owner, { cartId: stored.id, orderId: 'ord_1' })).body).toEqual({ result: 'already-marked' });
      expect((await cart.checkout('mark-checked-out', owner, { cartId: stored.id, orderId: 'ord_2' })).body).toEqual({ result: 'not-found' });
      expect((await cart.checkout('mark-checked-out', owner, { cartId: 'cart_other', orderId: 'ord_1' })).body).toEqual({ result: 'not-found' });
      expect((await cart.checkout('release', owner, { cartId: stored.id, orderId: 'ord_1' })).body).toEqual({ result: 'not-held' });
      expect(await cart.storedItem(owner)).toEqual(marked);
    });

    it('when the cart is held by another order, or not held at all, then it is not closed and nothing changes', async () => {
      const owner = customerOwner();
      const stored = await cart.seedCart(owner, ['var_1']);
      const active = await cart.storedItem(owner);
      // Lines added while nothing holds the cart are no order's: never closed.
      expect((await cart.checkout('mark-checked-out', owner, { cartId: stored.id, orderId: 'ord_1' })).body).toEqual({ result: 'not-found' });
      expect(await cart.storedItem(owner)).toEqual(active);

      await hold(owner, { cartId: stored.id, version: 1, orderId: 'ord_1' });
      const held = await cart.storedItem(owner);
      expect((await cart.checkout('mark-checked-out', owner, { cartId: stored.id, orderId: 'ord_2' })).body).toEqual({ result: 'not-found' });
      expect(await cart.storedItem(owner)).toEqual(held);
      // Control: the order that holds it closes it.
      expect((await cart.checkout('mark-checked-out', owner, { cartId: stored.id, orderId: 'ord_1' })).body).toEqual({ result: 'marked' });
    });
  });

  describe('refusals', () => {
    const validBodies = (cartId: string) => ({
      hold: { cartId, version: 1, orderId: 'ord_1', heldUntil: inSeconds(600) },
      release: { cartId, orderId: 'ord_1' },
      'mark-checked-out': { cartId, orderId: 'ord_1' },
    });

    it.each(['hold', 'release', 'mark-checked-out'] as const)(
      "%s: without checkout's token naming one owner, then 401 and nothing changes; the same call with it goes through",
      async (route) => {
        const owner = customerOwner();
        const stored = await cart.seedCart(owner, ['var_1']);
        // Release and close need a hold to act on; hold itself needs none.
        if (route !== 'hold') await hold(owner, { cartId: stored.id, version: 1, orderId: 'ord_1' });
        const before = await cart.storedItem(owner);
        const body = validBodies(stored.id)[route];
        const path = `/internal/checkout/${route}`;
        const gatewayContext = await cart.gatewaySigner.sign({ session: { sessionId: newSessionId(), customerId: owner.customerId } }, 'cart');

        expect((await cart.post(path, body, {})).status).toBe(401);
        expect((await cart.post(path, body, { [HEADER_INTERNAL_CONTEXT]: gatewayContext, [HEADER_SERVICE_TOKEN]: gatewayContext })).status).toBe(401);
        expect((await cart.post(path, body, { [HEADER_SERVICE_TOKEN]: await cart.checkoutSigner.sign('cart', { rid: 'r1' }) })).status).toBe(401);
        expect((await cart.post(path, body, { [HEADER_SERVICE_TOKEN]: await cart.checkoutSigner.sign('cart', { cid: owner.customerId, sid: newSessionId() }) })).status).toBe(401);
        expect((await cart.post(path, body, { [HEADER_SERVICE_TOKEN]: await cart.checkoutSigner.sign('checkout', { cid: owner.customerId }) })).status).toBe(401);
        expect(await cart.storedItem(owner)).toEqual(before);

        const control = await cart.post(path, body, { [HEADER_SERVICE_TOKEN]: await cart.checkoutToken(owner) });
        expect(control.status).toBe(200);
        expect(control.body).toEqual({ result: { hold: 'held', release: 'released', 'mark-checked-out': 'marked' }[route] });
      },
    );

    const malformed: Record<'hold' | 'release' | 'mark-checked-out', Record<string, unknown>[]> = {
      hold: [
        { version: 1, orderId: 'ord_1', heldUntil: inSeconds(600) },
        { cartId: '@', version: 1, orderId: 'ord_1' },
        { cartId: '@', version: '1', orderId: 'ord_1', heldUntil: inSeconds(600) },
        { cartId: '@', version: 1.5, orderId: 'ord_1', heldUntil: inSeconds(600) },
        { cartId: '@', version: -1, orderId: 'ord_1', heldUntil: inSeconds(600) },
        { cartId: '@', version: 1, orderId: '', heldUntil: inSeconds(600) },
        { cartId: '@', version: 1, orderId: 'ord_1', heldUntil: 'tomorrow' },
        { cartId: '@', version: 1, orderId: 'ord_1', heldUntil: inSeconds(600), extra: true },
      ],
      release: [{ cartId: '@' }, { orderId: 'ord_1' }, { cartId: '@', orderId: 7 }, { cartId: '@', orderId: 'ord_1', version: 1 }],
      'mark-checked-out': [{ cartId: '@' }, { orderId: 'ord_1' }, { cartId: '', orderId: 'ord_1' }, { cartId: '@', orderId: 'ord_1', extra: 1 }],
    };

    it.each(['hold', 'release', 'mark-checked-out'] as const)('%s: a malformed body is 400 and changes nothing; the well-formed one goes through', async (route) => {
      const owner = guestOwner();
      const stored = await cart.seedCart(owner, ['var_1']);
      if (route !== 'hold') await hold(owner, { cartId: stored.id, version: 1, orderId: 'ord_1' });
      const before = await cart.storedItem(owner);
      const token = { [HEADER_SERVICE_TOKEN]: await cart.checkoutToken(owner) };
      for (const body of malformed[route]) {
        const withCart = body['cartId'] === '@' ? { ...body, cartId: stored.id } : body;
        expect({ body: withCart, status: (await cart.post(`/internal/checkout/${route}`, withCart, token)).status }).toEqual({ body: withCart, status: 400 });
      }
      expect(await cart.storedItem(owner)).toEqual(before);
      const control = await cart.post(`/internal/checkout/${route}`, validBodies(stored.id)[route], token);
      expect(control.body).toEqual({ result: { hold: 'held', release: 'released', 'mark-checked-out': 'marked' }[route] });
    });
  });
});
