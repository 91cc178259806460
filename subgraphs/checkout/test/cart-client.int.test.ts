import type { CartRepository } from '@shopgraph/cart';
import { createServiceTokenSigner, generateSigningKeyPair } from '@shopgraph/shared';
import { InternalCallError } from '@shopgraph/shared/server';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCartTestServer, type CartTestServer } from '../../cart/test/support/cart-test-server.js';
import { createCartClient, type CartClient } from '../src/peers/cart-client.js';
import type { OrderOwner } from '../src/domain/order.js';

/** Checkout's cart client against the real cart subgraph (cart's own test server), over this file's own cart table. */
describe("checkout's cart client", () => {
  let cart: CartTestServer;
  let carts: CartRepository;
  let baseUrl: string;
  let client: CartClient;

  beforeAll(async () => {
    cart = await startCartTestServer('cart-client');
    ({ carts, base: baseUrl } = cart);
    client = createCartClient({ baseUrl, signer: cart.checkoutSigner, timeoutMs: 15_000 });
  });
  afterAll(() => cart?.stop());

  const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

  async function cartWithLines(owner: OrderOwner, variantIds: string[]): Promise<string> {
    const at = new Date().toISOString();
    const id = `cart_${randomBytes(12).toString('base64url')}`;
    const stored = await carts.create(
      {
        id,
        owner,
        version: 1,
        status: 'ACTIVE',
        lines: variantIds.map((variantId) => ({ id: '', variantId, quantity: 2, unitPriceSnapshot: { amount: 100, currencyCode: 'USD' }, addedAt: at })),
        createdAt: at,
        updatedAt: at,
        expiresAt: at,
      },
      undefined,
    );
    if (!stored) throw new Error('the test cart was not stored');
    return id;
  }

  it('when an order is declined, then hold, extend and release leave the cart ACTIVE with every line at a higher version', async () => {
    const owner: OrderOwner = { kind: 'session', sessionId: randomBytes(16).toString('base64url') };
    const cartId = await cartWithLines(owner, ['var_1', 'var_2']);
    const read = await client.cartOf(owner, 'r1');
    expect(read).toMatchObject({ id: cartId, version: 1, status: 'ACTIVE' });

    const heldUntil = inSeconds(600);
    expect(await client.hold(owner, { cartId, version: read!.version, orderId: 'ord_1', heldUntil }, 'r2')).toBe('held');
    expect(await client.cartOf(owner, 'r3')).toMatchObject({ status: 'PENDING_ORDER', version: 2, heldBy: { orderId: 'ord_1', heldUntil } });
    // The shopper confirms a 3-D Secure payment: the same order holds it longer.
    const extended = inSeconds(1200);
    expect(await client.hold(owner, { cartId, version: read!.version, orderId: 'ord_1', heldUntil: extended }, 'r4')).toBe('already-held');
    expect((await client.cartOf(owner, 'r5'))!.heldBy).toEqual({ orderId: 'ord_1', heldUntil: extended });

    expect(await client.release(owner, cartId, 'ord_1', 'r6')).toBe('released');
    const released = await client.cartOf(owner, 'r7');
    expect(released).toMatchObject({ id: cartId, status: 'ACTIVE', version: 4 });
    expect(released!.lines.map(({ variantId, quantity }) => [variantId, quantity])).toEqual([
      ['var_1', 2],
      ['var_2', 2],
    ]);
    expect(released).not.toHaveProperty('heldBy');
    expect(await client.release(owner, cartId, 'ord_1', 'r8')).toBe('not-held');
    // A hold at the version read before: the cart moved on since.
    expect(await client.hold(owner, { cartId, version: 1, orderId: 'ord_2', heldUntil }, 'r9')).toBe('version-moved');
    expect(await client.cartOf(owner, 'r10')).toMatchObject({ status: 'ACTIVE', version: 4 });
  });

  it('when an order is paid, then the cart it holds is closed once, and neither release nor another order reopens it', async () => {
    const owner: OrderOwner = { kind: 'customer', customerId: `cus_${randomBytes(6).toString('hex')}` };
    const cartId = await cartWithLines(owner, ['var_1']);
    expect(await client.markCheckedOut(owner, cartId, 'ord_1', 'r1')).toBe('not-found');
    expect(await client.hold(owner, { cartId, version: 1, orderId: 'ord_1', heldUntil: inSeconds(600) }, 'r2')).toBe('held');
    expect(await client.markCheckedOut(owner, cartId, 'ord_2', 'r3')).toBe('not-found');
    expect(await client.markCheckedOut(owner, cartId, 'ord_1', 'r4')).toBe('marked');
    expect(await client.markCheckedOut(owner, cartId, 'ord_1', 'r5')).toBe('already-marked');
    expect(await client.release(owner, cartId, 'ord_1', 'r6')).toBe('not-held');
    expect(await client.cartOf(owner, 'r7')).toMatchObject({ status: 'CHECKED_OUT', version: 3 });
  });

  it('when the cart is not there, then each call answers not-found', async () => {
    const owner: OrderOwner = { kind: 'session', sessionId: randomBytes(16).toString('base64url') };
    expect(await client.cartOf(owner, 'r1')).toBeUndefined();
    expect(await client.hold(owner, { cartId: 'cart_none', version: 1, orderId: 'ord_1', heldUntil: inSeconds(600) }, 'r2')).toBe('not-found');
    expect(await client.release(owner, 'cart_none', 'ord_1', 'r3')).toBe('not-found');
    expect(await client.markCheckedOut(owner, 'cart_none', 'ord_1', 'r4')).toBe('not-found');
  });

  it('when checkout signs with a key cart does not know, then the call fails with 401 and holds nothing', async () => {
    const owner: OrderOwner = { kind: 'session', sessionId: randomBytes(16).toString('base64url') };
    const cartId = await cartWithLines(owner, ['var_1']);
    const stranger = createCartClient({ baseUrl, signer: createServiceTokenSigner((await generateSigningKeyPair('stranger')).privateKey, 'checkout'), timeoutMs: 15_000 });
    const hold = { cartId, version: 1, orderId: 'ord_1', heldUntil: inSeconds(600) };
    const refused = await stranger.hold(owner, hold, 'r1').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InternalCallError);
    expect(refused).toMatchObject({ failure: 'status', status: 401 });
    expect(await client.cartOf(owner, 'r2')).toMatchObject({ status: 'ACTIVE', version: 1 });
    // Control: checkout's own key holds it.
    expect(await client.hold(owner, hold, 'r3')).toBe('held');
  });
});
