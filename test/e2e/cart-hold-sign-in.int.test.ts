import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createCartClient, type CartClient } from '@shopgraph/checkout';
import { createServiceTokenSigner } from '@shopgraph/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { SHOPPER_PASSWORD, uniqueEmail, type AuthPayload, type Storefront } from '../support/shoppers.js';
import { startStack, type TestStack } from '../support/stack.js';

const SIGN_UP = contractOperation('SignUp');
const ADD = /* GraphQL */ `
  mutation Add($variantId: ID!, $quantity: Int!) {
    addToCart(variantId: $variantId, quantity: $quantity) { cart { id version status } errors { code message } }
  }
`;
const CART = /* GraphQL */ `query Cart { cart { id status lines { quantity variant { id } } } }`;
const SIGN_IN = /* GraphQL */ `
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) { errors { code } report: cartMerge { status linesAdded linesCombined capped { variantId } } }
  }
`;

type AddData = { addToCart: { cart: { id: string; version: number; status: string } | null; errors: { code: string; message: string }[] } };
type CartData = { cart: { id: string; status: string; lines: { quantity: number; variant: { id: string } }[] } | null };
type SignInData = { signIn: { errors: unknown[]; report: { status: string; linesAdded: number; linesCombined: number; capped: unknown[] } | null } };

/**
 * Checkout holds a guest's cart while its order is paid; the guest signs in meanwhile. The
 * hand-over waits (PENDING) and completes on a later request of the session once the order
 * ends: with the guest lines after a decline, with nothing after a payment.
 */
describe('signing in while the guest cart’s order is being paid', () => {
  let stack: TestStack;
  let checkoutCalls: CartClient;
  let A: string;
  let B: string;

  beforeAll(async () => {
    stack = await startStack({ products: 4 });
    [A, B] = [stack.catalog.variantIds[0]!, stack.catalog.variantIds[1]!];
    await stack.setStock({ [A]: 100, [B]: 100 });
    // Checkout's own calls to cart, signed with its key, as its order flow makes them.
    checkoutCalls = createCartClient({
      baseUrl: stack.subgraphUrls.cart.replace(/\/graphql$/, ''),
      signer: createServiceTokenSigner(stack.keys.checkoutSigningPrivateKey, 'checkout'),
      timeoutMs: 15_000,
    });
  });
  afterAll(() => stack?.stop());

  const lines = async (shop: Storefront) =>
    Object.fromEntries(((await shop.request<CartData>(CART)).body.data!.cart?.lines ?? []).map((line) => [line.variant.id, line.quantity]));

  async function customer(): Promise<{ email: string; phone: Storefront }> {
    const email = uniqueEmail('held');
    const phone = createStorefront(stack.gatewayUrl);
    const { body } = await phone.request<{ signUp: AuthPayload }>(SIGN_UP, { input: { email, password: SHOPPER_PASSWORD, name: 'Mae' } });
    expect(body.data!.signUp.errors).toEqual([]);
    return { email, phone };
  }

  /** A guest cart with these lines, held by `orderId` as checkout holds it when the order is placed. */
  async function heldGuestCart(quantities: Record<string, number>, orderId: string) {
    const web = createStorefront(stack.gatewayUrl);
    let cart: { id: string; version: number } | undefined;
    for (const [variantId, quantity] of Object.entries(quantities)) {
      const { body } = await web.request<AddData>(ADD, { variantId, quantity });
      expect(body.data!.addToCart.errors).toEqual([]);
      cart = body.data!.addToCart.cart!;
    }
    // Test-only read of cart's table: the guest session id is in the cookie's signed token.
    const { Items } = await stack.tables.client.send(
      new ScanCommand({ TableName: stack.tables.names.cart, FilterExpression: 'id = :id', ExpressionAttributeValues: { ':id': cart!.id } }),
    );
    const owner = (Items![0] as { owner: { kind: 'session'; sessionId: string } }).owner;
    expect(await checkoutCalls.hold(owner, { cartId: cart!.id, version: cart!.version, orderId, heldUntil: new Date(Date.now() + 600_000).toISOString() }, 'test')).toBe('held');
    return { web, owner, cartId: cart!.id };
  }

  const signIn = async (shop: Storefront, email: string) => (await shop.request<SignInData>(SIGN_IN, { input: { email, password: SHOPPER_PASSWORD } })).body.data!.signIn;

  it('when the order is declined, then the sign-in reports PENDING, nothing moves until the release, and the next request brings every guest line', async () => {
    const { email, phone } = await customer();
    const { web, owner, cartId } = await heldGuestCart({ [A]: 2, [B]: 1 }, 'ord_declined');

    const refused = (await web.request<AddData>(ADD, { variantId: A, quantity: 1 })).body.data!.addToCart;
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'CART_READ_ONLY' })]);
    expect(refused.cart).toMatchObject({ id: cartId, status: 'PENDING_ORDER' });

    const signedIn = await signIn(web, email);
    expect(signedIn.errors).toEqual([]);
    expect(signedIn.report).toEqual({ status: 'PENDING', linesAdded: 0, linesCombined: 0, capped: [] });
    expect((await phone.request<CartData>(CART)).body.data!.cart).toBeNull();
    expect(await checkoutCalls.cartOf(owner, 'test')).toMatchObject({ id: cartId, status: 'PENDING_ORDER' });

    expect(await checkoutCalls.release(owner, cartId, 'ord_declined', 'test')).toBe('released');
    expect(await lines(web)).toEqual({ [A]: 2, [B]: 1 });
    expect(await lines(phone)).toEqual({ [A]: 2, [B]: 1 });
    expect(await checkoutCalls.cartOf(owner, 'test')).toMatchObject({ id: cartId, status: 'MERGED' });
  });

  it('when the order is paid, then the sign-in reports PENDING and the paid lines never reach the customer’s cart', async () => {
    const { email, phone } = await customer();
    await phone.request(ADD, { variantId: B, quantity: 3 });
    const { web, owner, cartId } = await heldGuestCart({ [A]: 1 }, 'ord_paid');

    expect((await signIn(web, email)).report?.status).toBe('PENDING');
    expect(await checkoutCalls.markCheckedOut(owner, cartId, 'ord_paid', 'test')).toBe('marked');
    expect(await lines(web)).toEqual({ [B]: 3 });
    expect(await lines(web)).toEqual({ [B]: 3 });
    expect(await lines(phone)).toEqual({ [B]: 3 });
    expect(await checkoutCalls.cartOf(owner, 'test')).toMatchObject({ id: cartId, status: 'CHECKED_OUT' });
  });
});
