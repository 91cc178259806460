import { createInternalContextSigner, createLogger, createServiceTokenSigner, generateKeys, HEADER_INTERNAL_CONTEXT, HEADER_SERVICE_TOKEN, type GeneratedKeys } from '@shopgraph/shared';
import { createDocumentClient } from '@shopgraph/shared/dynamo';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTables, type TestTables } from '../../../test/support/dynamo.js';
import { loadCartConfig } from '../src/config.js';
import type { CartOwner } from '../src/domain/cart.js';
import { newCartId } from '../src/domain/cart-rules.js';
import { createCartServer } from '../src/server.js';
import { createCartRepository, type CartRepository } from '../src/store/cart-repository.js';

describe("cart's internal routes for checkout", () => {
  let tables: TestTables<'cart'>;
  let keys: GeneratedKeys;
  let base: string;
  let carts: CartRepository;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    tables = await createTestTables(['cart'] as const);
    keys = await generateKeys('checkout-routes');
    const server = createCartServer({
      config: loadCartConfig({
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        DYNAMODB_ENDPOINT: tables.endpoint,
        CART_TABLE: tables.names.cart,
        INTERNAL_CONTEXT_PUBLIC_KEYS: JSON.stringify(keys.internalContextPublicKeys),
        CHECKOUT_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.checkoutSigningPublicKeys),
      }),
      logger: createLogger({ service: 'cart', level: 'silent' }),
      dynamo: createDocumentClient({ region: 'us-east-1', endpoint: tables.endpoint }),
      catalog: { variantPrices: async () => new Map() },
    });
    base = (await server.start()).url;
    stop = () => server.stop();
    carts = createCartRepository({ client: tables.client, tableName: tables.names.cart, lifetimes: { sessionSeconds: 3600, customerSeconds: 3600 } });
  });
  afterAll(async () => {
    await stop?.();
    await tables?.drop();
  });

  const signer = () => createServiceTokenSigner(keys.checkoutSigningPrivateKey, 'checkout');
  const tokenFor = (owner: CartOwner) => signer().sign('cart', owner.kind === 'customer' ? { cid: owner.customerId, rid: 'r1' } : { sid: owner.sessionId, rid: 'r1' });
  const post = async (path: string, body: unknown, headers: Record<string, string>) => {
    const response = await fetch(`${base}/internal/checkout/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const storedCart = async (owner: CartOwner) => {
    const at = new Date().toISOString();
    const cart = await carts.create(
      {
        id: newCartId(),
        owner,
        version: 1,
        status: 'ACTIVE',
        lines: [{ id: '', variantId: 'var_1', quantity: 2, unitPriceSnapshot: { amount: 100, currencyCode: 'USD' }, addedAt: at }],
        createdAt: at,
        updatedAt: at,
        expiresAt: at,
      },
      undefined,
    );
    if (!cart) throw new Error('the test cart was not stored');
    return cart;
  };

  it("when checkout asks with its own token, then it gets the owner's cart; an owner without one gets null", async () => {
    const owner: CartOwner = { kind: 'customer', customerId: `cus_${randomBytes(4).toString('hex')}` };
    const cart = await storedCart(owner);
    const { status, body } = await post('cart', {}, { [HEADER_SERVICE_TOKEN]: await tokenFor(owner) });
    expect(status).toBe(200);
    expect(body).toEqual({ cart: { id: cart.id, version: 1, status: 'ACTIVE', lines: [{ id: cart.lines[0]!.id, variantId: 'var_1', quantity: 2 }] } });
    const nobody: CartOwner = { kind: 'session', sessionId: randomBytes(16).toString('base64url') };
    expect((await post('cart', {}, { [HEADER_SERVICE_TOKEN]: await tokenFor(nobody) })).body).toEqual({ cart: null });
  });

  it('when marking, then marked once (version raised), already-marked for the same order, not-found for another order or cart', async () => {
    const owner: CartOwner = { kind: 'session', sessionId: randomBytes(16).toString('base64url') };
    const cart = await storedCart(owner);
    const headers = { [HEADER_SERVICE_TOKEN]: await tokenFor(owner) };
    expect((await post('mark-checked-out', { cartId: cart.id, orderId: 'ord_1' }, headers)).body).toEqual({ result: 'marked' });
    expect(await carts.findByOwner(owner)).toMatchObject({ status: 'CHECKED_OUT', version: 2 });
    expect((await post('mark-checked-out', { cartId: cart.id, orderId: 'ord_1' }, headers)).body).toEqual({ result: 'already-marked' });
    expect((await post('mark-checked-out', { cartId: cart.id, orderId: 'ord_2' }, headers)).body).toEqual({ result: 'not-found' });
    expect((await post('mark-checked-out', { cartId: 'cart_other', orderId: 'ord_1' }, headers)).body).toEqual({ result: 'not-found' });
    expect(await carts.findByOwner(owner)).toMatchObject({ status: 'CHECKED_OUT', version: 2 });
  });

  it("when the token is missing, the gateway's context, or names no owner, then 401 and nothing changes; a bad body is 400", async () => {
    const owner: CartOwner = { kind: 'customer', customerId: `cus_${randomBytes(4).toString('hex')}` };
    const cart = await storedCart(owner);
    const body = { cartId: cart.id, orderId: 'ord_1' };
    expect((await post('mark-checked-out', body, {})).status).toBe(401);
    const gatewayContext = await (await createInternalContextSigner(keys.internalContextPrivateKey)).sign(
      { session: { sessionId: randomBytes(16).toString('base64url'), customerId: owner.customerId } },
      'cart',
    );
    expect((await post('mark-checked-out', body, { [HEADER_INTERNAL_CONTEXT]: gatewayContext, [HEADER_SERVICE_TOKEN]: gatewayContext })).status).toBe(401);
    expect((await post('mark-checked-out', body, { [HEADER_SERVICE_TOKEN]: await signer().sign('cart', { rid: 'r1' }) })).status).toBe(401);
    expect((await post('mark-checked-out', body, { [HEADER_SERVICE_TOKEN]: await signer().sign('checkout', { cid: owner.customerId }) })).status).toBe(401);
    expect((await post('mark-checked-out', { cartId: cart.id }, { [HEADER_SERVICE_TOKEN]: await tokenFor(owner) })).status).toBe(400);
    expect(await carts.findByOwner(owner)).toMatchObject({ status: 'ACTIVE', version: 1 });
    // Control: the same call with checkout's token for this owner marks it.
    expect((await post('mark-checked-out', body, { [HEADER_SERVICE_TOKEN]: await tokenFor(owner) })).body).toEqual({ result: 'marked' });
  });
});
