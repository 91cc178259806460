import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy.js';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { SHOPPER_PASSWORD, uniqueEmail, type AuthPayload, type Storefront } from '../support/shoppers.js';
import { startStack, type TestStack } from '../support/stack.js';

const ADD = contractOperation('AddToCart');
const CART = contractOperation('Cart');
const SIGN_UP = contractOperation('SignUp');

/** The contract's SignIn with the merge report the storefront shows after it. */
const SIGN_IN_WITH_REPORT = /* GraphQL */ `
  mutation SignInWithReport($input: SignInInput!) {
    signIn(input: $input) {
      customer { id }
      sessionToken
      errors { code message field }
      report: cartMerge { status linesAdded linesCombined capped { variantId requested kept reason } }
    }
  }
`;

interface Report {
  status: string;
  linesAdded: number;
  linesCombined: number;
  capped: { variantId: string; requested: number; kept: number; reason: string }[];
}
type SignInData = { signIn: AuthPayload & { report: Report | null } };
type CartData = { cart: { id: string; lines: { quantity: number; variant: { id: string } }[] } | null };

describe('the guest cart joins the customer’s at sign-in, exactly once', () => {
  let stack: TestStack;
  let A: string;
  let B: string;

  beforeAll(async () => {
    stack = await startStack({ products: 8 });
    [A, B] = [stack.catalog.variantIds[0]!, stack.catalog.variantIds[1]!];
    await stack.setStock({ [A]: 2_000, [B]: 2_000 });
  });
  afterAll(() => stack?.stop());

  const quantities = async (shop: Storefront) =>
    Object.fromEntries(((await shop.request<CartData>(CART)).body.data!.cart?.lines ?? []).map((line) => [line.variant.id, line.quantity]));

  async function customer(): Promise<{ email: string; phone: Storefront }> {
    const email = uniqueEmail('merge');
    const phone = createStorefront(stack.gatewayUrl);
    const { body } = await phone.request<{ signUp: AuthPayload }>(SIGN_UP, { input: { email, password: SHOPPER_PASSWORD, name: 'Grace' } });
    expect(body.data!.signUp.errors).toEqual([]);
    return { email, phone };
  }

  async function guestWith(lines: Record<string, number>, gatewayUrl = stack.gatewayUrl): Promise<Storefront> {
    const guest = createStorefront(gatewayUrl);
    for (const [variantId, quantity] of Object.entries(lines)) {
      const { body } = await guest.request<{ addToCart: { errors: unknown[] } }>(ADD, { variantId, quantity });
      expect(body.data!.addToCart.errors).toEqual([]);
    }
    return guest;
  }

  const signIn = async (shop: Storefront, email: string) => (await shop.request<SignInData>(SIGN_IN_WITH_REPORT, { input: { email, password: SHOPPER_PASSWORD } })).body.data!.signIn;

  it('when guest A×2, B×1 signs in to a customer holding A×1, then the cart is A×3, B×1 on every device and the report says what happened', async () => {
    const { email, phone } = await customer();
    await phone.request(ADD, { variantId: A, quantity: 1 });
    const web = await guestWith({ [A]: 2, [B]: 1 });
    const signedIn = await signIn(web, email);
    expect(signedIn.errors).toEqual([]);
    expect(signedIn.report).toEqual({ status: 'MERGED', linesAdded: 1, linesCombined: 1, capped: [] });
    expect(await quantities(web)).toEqual({ [A]: 3, [B]: 1 });
    expect(await quantities(phone)).toEqual({ [A]: 3, [B]: 1 });
  });

  it('when the contract’s own SignIn is sent, then it is served unchanged (the report is there for those who ask)', async () => {
    const { email } = await customer();
    const web = await guestWith({ [A]: 1 });
    const { body } = await web.request<{ signIn: AuthPayload }>(contractOperation('SignIn'), { input: { email, password: SHOPPER_PASSWORD } });
    expect(Object.keys(body.data!.signIn).sort()).toEqual(['customer', 'errors', 'sessionToken']);
    expect(await quantities(web)).toEqual({ [A]: 1 });
  });

  it('when the sign-in is sent again with the guest’s old cookie, then nothing is added twice', async () => {
    const { email, phone } = await customer();
    const web = await guestWith({ [A]: 2 });
    const guestCookie = web.cookie;
    expect((await signIn(web, email)).report?.status).toBe('MERGED');
    const retry = createStorefront(stack.gatewayUrl);
    retry.cookie = guestCookie;
    const again = await signIn(retry, email);
    expect(again.errors).toEqual([]);
    expect(again.report?.status).toBe('NOTHING_TO_MERGE');
    expect(await quantities(phone)).toEqual({ [A]: 2 });
  });

  it('when two guest devices sign in at the same moment, then both carts land, summed once', async () => {
    const { email, phone } = await customer();
    const [first, second] = await Promise.all([guestWith({ [A]: 1 }), guestWith({ [A]: 2, [B]: 1 })]);
    const reports = await Promise.all([signIn(first, email), signIn(second, email)]);
    expect(reports.map((answer) => answer.report?.status)).toEqual(['MERGED', 'MERGED']);
    expect(await quantities(phone)).toEqual({ [A]: 3, [B]: 1 });
  });

  it('when a guest line does not fit, then the report names it with the reason and what was kept', async () => {
    const { email, phone } = await customer();
    await phone.request(ADD, { variantId: A, quantity: 998 });
    const C = stack.catalog.variantIds[2]!;
    await stack.setStock({ [C]: 10 });
    const web = await guestWith({ [A]: 5, [C]: 6 });
    await stack.setStock({ [C]: 4 });
    const { report } = await signIn(web, email);
    expect(report).toEqual({
      status: 'MERGED',
      linesAdded: 1,
      linesCombined: 1,
      capped: [
        { variantId: A, requested: 5, kept: 1, reason: 'LINE_QUANTITY_LIMIT' },
        { variantId: C, requested: 6, kept: 4, reason: 'STOCK' },
      ],
    });
    expect(await quantities(phone)).toEqual({ [A]: 999, [C]: 4 });
  });
});

describe('a hand-over that fails at sign-in is completed later, once', () => {
  let stack: TestStack;
  let cartForIdentity: CountingProxy;

  beforeAll(async () => {
    // Identity reaches cart only through this proxy, which the test can point at nothing; the
    // gateway reaches cart directly.
    cartForIdentity = await startCountingProxy('http://127.0.0.1:9/');
    stack = await startStack({ products: 4, identityEnv: { CART_URL: cartForIdentity.url } });
    cartForIdentity.retarget(stack.subgraphUrls.cart);
    await stack.setStock({ [stack.catalog.variantIds[0]!]: 100 });
  });
  afterAll(async () => {
    await stack?.stop();
    await cartForIdentity?.close();
  });

  it('when cart does not answer identity during sign-in, then the sign-in succeeds as PENDING and cart brings the guest lines on the next request, once', async () => {
    const variantId = stack.catalog.variantIds[0]!;
    const email = uniqueEmail('pending');
    const phone = createStorefront(stack.gatewayUrl);
    await phone.request(SIGN_UP, { input: { email, password: SHOPPER_PASSWORD, name: 'Lin' } });
    const web = createStorefront(stack.gatewayUrl);
    await web.request(ADD, { variantId, quantity: 3 });

    cartForIdentity.retarget('http://127.0.0.1:9/');
    const { body } = await web.request<SignInData>(SIGN_IN_WITH_REPORT, { input: { email, password: SHOPPER_PASSWORD } });
    expect(body.data!.signIn.errors).toEqual([]);
    expect(body.data!.signIn.report).toEqual({ status: 'PENDING', linesAdded: 0, linesCombined: 0, capped: [] });
    // The other device's session never named the guest session: the customer's cart is still empty.
    expect((await phone.request<CartData>(CART)).body.data!.cart).toBeNull();

    // Identity still cannot reach cart: the web session's own next request completes the move,
    // because its token names the guest session.
    const next = await web.request<CartData>(CART);
    expect(next.body.data!.cart!.lines.map((line) => [line.variant.id, line.quantity])).toEqual([[variantId, 3]]);
    for (let i = 0; i < 3; i++) await web.request<CartData>(CART);
    expect((await phone.request<CartData>(CART)).body.data!.cart!.lines[0]!.quantity).toBe(3);
    cartForIdentity.retarget(stack.subgraphUrls.cart);
  });
});
