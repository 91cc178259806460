import { createServiceTokenSigner, HEADER_SERVICE_TOKEN, SESSION_COOKIE_NAME, createSessionKeyRing, createSessionTokenCodec } from '@shopgraph/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutHelpers, orderInput } from '../support/checkout.js';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy.js';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { customerOnTwoDevices, SHOPPER_PASSWORD, type AuthPayload, type Storefront } from '../support/shoppers.js';
import { startStack, type TestStack } from '../support/stack.js';

const SIGN_IN = contractOperation('SignIn');
const ORDERS = contractOperation('Orders');
const ORDER = contractOperation('Order');

interface OrdersData {
  orders: { edges: { node: { id: string; status: string } }[] };
}

const orderIdsOf = async (shop: Storefront) => (await shop.request<OrdersData>(ORDERS, { first: 20 })).body.data!.orders.edges.map(({ node }) => node.id);
const orderOf = async (shop: Storefront, id: string) => (await shop.request<{ order: { id: string; status: string } | null }>(ORDER, { id })).body.data!.order;

/**
 * Orders a shopper placed as a guest follow them when they sign in: identity asks checkout to
 * move them (proved by the guest session the sign-in replaced, never by the order's email),
 * exactly once, and checkout completes a move identity could not ask for.
 */
describe('guest orders after sign-in', () => {
  let stack: TestStack;
  let checkoutForIdentity: CountingProxy;
  let h: ReturnType<typeof checkoutHelpers>;
  let variantId: string;

  beforeAll(async () => {
    // Identity reaches checkout only through this proxy, which a test can point at nothing.
    checkoutForIdentity = await startCountingProxy('http://127.0.0.1:9/');
    stack = await startStack({ products: 4, identityEnv: { CHECKOUT_URL: checkoutForIdentity.url } });
    checkoutForIdentity.retarget(stack.subgraphUrls.checkout);
    h = checkoutHelpers(stack);
    variantId = stack.catalog.variantIds[0]!;
    await stack.setStock({ [variantId]: 1_000 });
  });
  afterAll(async () => {
    await stack?.stop();
    await checkoutForIdentity?.close();
  });

  async function guestOrder(shop: Storefront, email = 'guest@example.com') {
    await h.add(shop, variantId, 1);
    const placed = (await h.place(shop, orderInput({ email }))).body.data!.placeOrder!;
    expect(placed.errors).toEqual([]);
    return placed.order!;
  }

  const signIn = async (shop: Storefront, email: string) => {
    const { body } = await shop.request<{ signIn: AuthPayload }>(SIGN_IN, { input: { email, password: SHOPPER_PASSWORD } });
    expect(body.data!.signIn.errors).toEqual([]);
  };

  it('when a guest who ordered signs in, then the order is in the customer’s orders on every device and order(id) still finds it', async () => {
    const { phone, email } = await customerOnTwoDevices(stack.gatewayUrl);
    const guest = createStorefront(stack.gatewayUrl);
    const order = await guestOrder(guest);
    expect(order.status).toBe('PAID');
    expect(await orderIdsOf(guest)).toEqual([]);

    await signIn(guest, email);
    // The session id rotated at sign-in; the order is the customer's now, on both devices.
    expect(await orderOf(guest, order.id)).toMatchObject({ id: order.id, status: 'PAID' });
    expect(await orderIdsOf(guest)).toEqual([order.id]);
    expect(await orderIdsOf(phone)).toEqual([order.id]);
    expect(await orderOf(phone, order.id)).toMatchObject({ id: order.id });
  });

  it('when the hand-over is asked again, then nothing moves twice, and only identity may ask', async () => {
    const guest = createStorefront(stack.gatewayUrl);
    const order = await guestOrder(guest);
    const codec = createSessionTokenCodec(await createSessionKeyRing(stack.keys.sessionKeys));
    const decoded = await codec.decode(guest.cookie!.slice(SESSION_COOKIE_NAME.length + 1));
    if (!decoded.ok) throw new Error('guest cookie did not decode');
    const url = stack.subgraphUrls.checkout.replace(/\/graphql$/, '/internal/identity/hand-over-guest-orders');
    const handOver = async (signerKey = stack.keys.identitySigningPrivateKey) => {
      const token = await createServiceTokenSigner(signerKey, 'identity').sign('checkout', { cid: 'cus_replayed', sid: 'AAAAAAAAAAAAAAAAAAAAAA', gsid: decoded.claims.sid, rid: 'replay' });
      return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [HEADER_SERVICE_TOKEN]: token }, body: '{}' });
    };

    const answers = await Promise.all([handOver(), handOver(), handOver()]);
    const moved = await Promise.all(answers.map(async (answer) => ((await answer.json()) as { ordersMoved: number }).ordersMoved));
    expect(moved.sort()).toEqual([0, 0, 1]);
    expect(await h.storedOrder(order.id)).toMatchObject({ owner: { kind: 'customer', customerId: 'cus_replayed' }, cartOwner: { kind: 'session' } });
    // The guest session itself no longer sees the order: it is the customer's.
    expect(await orderOf(guest, order.id)).toBeNull();

    expect((await handOver(stack.keys.checkoutSigningPrivateKey)).status).toBe(401);
  });

  it('when an order only shares the customer’s email, then it stays with the guest who placed it', async () => {
    const { phone, email } = await customerOnTwoDevices(stack.gatewayUrl);
    const stranger = createStorefront(stack.gatewayUrl);
    const theirs = await guestOrder(stranger, email);
    const guest = createStorefront(stack.gatewayUrl);
    await signIn(guest, email);
    expect(await orderIdsOf(phone)).toEqual([]);
    expect(await orderOf(guest, theirs.id)).toBeNull();
    expect(await orderOf(stranger, theirs.id)).toMatchObject({ id: theirs.id });
  });

  it('when checkout does not answer identity at sign-in, then the session’s next read of its orders moves them, once', async () => {
    const { phone, email } = await customerOnTwoDevices(stack.gatewayUrl);
    const guest = createStorefront(stack.gatewayUrl);
    const order = await guestOrder(guest);

    checkoutForIdentity.retarget('http://127.0.0.1:9/');
    try {
      await signIn(guest, email);
      // Not moved yet: the other device does not list it...
      expect(await orderIdsOf(phone)).toEqual([]);
      // ...but the session that signed in owns it already, and its own listing moves it.
      expect(await orderOf(guest, order.id)).toMatchObject({ id: order.id });
      expect(await orderIdsOf(guest)).toEqual([order.id]);
      expect(await orderIdsOf(guest)).toEqual([order.id]);
      expect(await orderIdsOf(phone)).toEqual([order.id]);
    } finally {
      checkoutForIdentity.retarget(stack.subgraphUrls.checkout);
    }
  });
});
