import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { seedLocalAdmin, LOCAL_ADMIN } from '@shopgraph/identity';
import { createSessionKeyRing, createSessionTokenCodec, newSessionId, SESSION_COOKIE_NAME } from '@shopgraph/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { startStack, type TestStack } from '../support/stack.js';

const SIGN_UP = contractOperation('SignUp');
const SIGN_IN = contractOperation('SignIn');
const VIEWER = contractOperation('Viewer');
const CART = contractOperation('Cart');
const ADD = contractOperation('AddToCart');

interface AuthPayload {
  customer: { id: string; email: string; name: string } | null;
  sessionToken: string | null;
  errors: { code: string; message: string; field: string[] | null }[];
}
interface ViewerData {
  viewer: { isAuthenticated: boolean; customer: { id: string; email: string } | null; sessions: { id: string; current: boolean; userAgent: string | null }[] };
}
interface CartData {
  cart: { id: string; totalQuantity: number; lines: { quantity: number; variant: { id: string } }[] } | null;
}

let emailCounter = 0;
const uniqueEmail = () => `shopper${Date.now()}${emailCounter++}@example.com`;
const PASSWORD = 'correct horse battery';

describe('sessions across devices', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ products: 6, identityEnv: { SIGN_IN_MAX_FAILURES: '3' } });
  });
  afterAll(() => stack?.stop());

  async function signedUpCustomer() {
    const email = uniqueEmail();
    const web = createStorefront(stack.gatewayUrl);
    const { body } = await web.request<{ signUp: AuthPayload }>(SIGN_UP, { input: { email, password: PASSWORD, name: 'Ada' } });
    expect(body.data!.signUp.errors).toEqual([]);
    return { email, web, customerId: body.data!.signUp.customer!.id };
  }

  it('when two devices sign in to one account, then they share the cart until sign-out everywhere ends both', async () => {
    const { email, web } = await signedUpCustomer();
    expect(web.cookie).toMatch(new RegExp(`^${SESSION_COOKIE_NAME}=`));

    const phoneSignIn = await createStorefront(stack.gatewayUrl).request<{ signIn: AuthPayload }>(SIGN_IN, {
      input: { email: email.toUpperCase(), password: PASSWORD, transport: 'BEARER' },
    });
    const { sessionToken } = phoneSignIn.body.data!.signIn;
    expect(sessionToken).toEqual(expect.any(String));
    expect(phoneSignIn.headers.get('set-cookie')).toBeNull();
    const phone = createStorefront(stack.gatewayUrl, { bearer: sessionToken! });

    await phone.request(ADD, { variantId: 'var_00002_1', quantity: 3 });
    const onWeb = await web.request<CartData>(CART);
    expect(onWeb.body.data!.cart!.totalQuantity).toBe(3);

    const viewer = await web.request<ViewerData>(VIEWER);
    expect(viewer.body.data!.viewer.isAuthenticated).toBe(true);
    expect(viewer.body.data!.viewer.sessions).toHaveLength(2);
    expect(viewer.body.data!.viewer.sessions.filter((session) => session.current)).toHaveLength(1);

    const everywhere = await web.request<{ signOutEverywhere: boolean }>(contractOperation('SignOutEverywhere'));
    expect(everywhere.body.data!.signOutEverywhere).toBe(true);
    const phoneAfter = await phone.request<ViewerData>(VIEWER);
    expect(phoneAfter.body.data!.viewer.isAuthenticated).toBe(false);
    expect((await phone.request<CartData>(CART)).body.data!.cart).toBeNull();
  });

  it('when a visitor signs in, then the pre-sign-in token no longer works and its cart joins the customer’s', async () => {
    const { email, customerId } = await signedUpCustomer();
    // The customer already has a cart from another device.
    const laptop = createStorefront(stack.gatewayUrl);
    await laptop.request(SIGN_IN, { input: { email, password: PASSWORD } });
    await laptop.request(ADD, { variantId: 'var_00001_1', quantity: 1 });

    const visitor = createStorefront(stack.gatewayUrl);
    await visitor.request(ADD, { variantId: 'var_00001_1', quantity: 2 });
    await visitor.request(ADD, { variantId: 'var_00003_1', quantity: 1 });
    const anonymousCookie = visitor.cookie!;

    const signIn = await visitor.request<{ signIn: AuthPayload }>(SIGN_IN, { input: { email, password: PASSWORD } });
    expect(signIn.body.data!.signIn.customer!.id).toBe(customerId);
    expect(visitor.cookie).not.toBe(anonymousCookie);

    const merged = await visitor.request<CartData>(CART);
    const quantities = Object.fromEntries(merged.body.data!.cart!.lines.map((line) => [line.variant.id, line.quantity]));
    expect(quantities).toEqual({ var_00001_1: 3, var_00003_1: 1 });
    expect((await laptop.request<CartData>(CART)).body.data!.cart!.totalQuantity).toBe(4);

    // Session fixation: the old token is refused, not upgraded to the customer.
    const replay = createStorefront(stack.gatewayUrl);
    replay.cookie = anonymousCookie;
    const replayed = await replay.request<ViewerData>(VIEWER);
    expect(replayed.body.data!.viewer.isAuthenticated).toBe(false);
    expect(replayed.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE_NAME}=`));
    expect((await replay.request<CartData>(CART)).body.data!.cart).toBeNull();

    // Signing in again changes nothing in the cart: the guest cart was merged once.
    await visitor.request(SIGN_IN, { input: { email, password: PASSWORD } });
    expect((await visitor.request<CartData>(CART)).body.data!.cart!.totalQuantity).toBe(4);
  });


  it('when the password is wrong or the email unknown, then the answer is the same', async () => {
    const { email } = await signedUpCustomer();
    const wrong = await createStorefront(stack.gatewayUrl).request<{ signIn: AuthPayload }>(SIGN_IN, { input: { email, password: 'not the password' } });
    const unknown = await createStorefront(stack.gatewayUrl).request<{ signIn: AuthPayload }>(SIGN_IN, {
      input: { email: uniqueEmail(), password: 'not the password' },
    });
    expect(wrong.body.data!.signIn.errors).toEqual(unknown.body.data!.signIn.errors);
    expect(wrong.body.data!.signIn.errors[0]!.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.body.data!.signIn.customer).toBeNull();
  });

  it('when sign-up input is bad, then each problem names its field and no account is made', async () => {
    const email = uniqueEmail();
    const { body } = await createStorefront(stack.gatewayUrl).request<{ signUp: AuthPayload }>(SIGN_UP, {
      input: { email: 'not-an-email', password: 'short', name: ' ' },
    });
    expect(body.data!.signUp.errors.map((error) => error.code).sort()).toEqual(['INVALID_EMAIL', 'INVALID_NAME', 'WEAK_PASSWORD']);
    const retry = await createStorefront(stack.gatewayUrl).request<{ signIn: AuthPayload }>(SIGN_IN, { input: { email, password: 'short' } });
    expect(retry.body.data!.signIn.errors[0]!.code).toBe('INVALID_CREDENTIALS');
  });

  it('when two sign-ups race for one email in different cases, then exactly one wins', async () => {
    const email = uniqueEmail();
    const results = await Promise.all(
      [email, email.toUpperCase(), ` ${email}`].map((address) =>
        createStorefront(stack.gatewayUrl).request<{ signUp: AuthPayload }>(SIGN_UP, { input: { email: address, password: PASSWORD, name: 'Twin' } }),
      ),
    );
    const outcomes = results.map(({ body }) => body.data!.signUp.errors[0]?.code ?? 'OK').sort();
    expect(outcomes).toEqual(['EMAIL_TAKEN', 'EMAIL_TAKEN', 'OK']);
  });

  it('when sign-ins keep failing, then the account is locked out with a retry-after', async () => {
    const { email } = await signedUpCustomer();
    for (let attempt = 0; attempt < 3; attempt++) {
      await createStorefront(stack.gatewayUrl).request(SIGN_IN, { input: { email, password: 'wrong password!' } });
    }
    const { body } = await createStorefront(stack.gatewayUrl).request<{ signIn: AuthPayload | null }>(SIGN_IN, { input: { email, password: PASSWORD } });
    const extensions = body.errors?.[0]?.extensions;
    expect(extensions?.['code']).toBe('TOO_MANY_ATTEMPTS');
    expect(extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
  });

  it('when a customer revokes one session, then that device is anonymous and others’ ids are refused', async () => {
    const { email, web } = await signedUpCustomer();
    const tablet = createStorefront(stack.gatewayUrl);
    await tablet.request(SIGN_IN, { input: { email, password: PASSWORD } });
    // The listing reads an index, which may trail a just-written session by a moment.
    let sessions: ViewerData['viewer']['sessions'] = [];
    for (let attempt = 0; attempt < 20 && sessions.length < 2; attempt++) {
      sessions = (await web.request<ViewerData>(VIEWER)).body.data!.viewer.sessions;
    }
    const tabletSession = sessions.find((session) => !session.current)!;

    const other = await signedUpCustomer();
    const foreign = await other.web.request<{ revokeSession: boolean }>(contractOperation('RevokeSession'), { id: tabletSession.id });
    expect(foreign.body.data!.revokeSession).toBe(false);
    expect((await tablet.request<ViewerData>(VIEWER)).body.data!.viewer.isAuthenticated).toBe(true);

    const own = await web.request<{ revokeSession: boolean }>(contractOperation('RevokeSession'), { id: tabletSession.id });
    expect(own.body.data!.revokeSession).toBe(true);
    expect((await tablet.request<ViewerData>(VIEWER)).body.data!.viewer.isAuthenticated).toBe(false);
    expect((await web.request<ViewerData>(VIEWER)).body.data!.viewer.isAuthenticated).toBe(true);
  });

  it('when a web shopper signs out, then the cookie is cleared and the old token is refused', async () => {
    const { web } = await signedUpCustomer();
    const cookie = web.cookie!;
    const out = await web.request<{ signOut: boolean }>(contractOperation('SignOut'));
    expect(out.body.data!.signOut).toBe(true);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const replay = createStorefront(stack.gatewayUrl);
    replay.cookie = cookie;
    expect((await replay.request<ViewerData>(VIEWER)).body.data!.viewer.isAuthenticated).toBe(false);
  });

  it('when a mobile client starts a session, then it gets a token and no cookie, and the token works', async () => {
    const { body, headers } = await createStorefront(stack.gatewayUrl).request<{ startSession: { sessionToken: string } }>(
      contractOperation('StartSession'),
      { transport: 'BEARER' },
    );
    expect(headers.get('set-cookie')).toBeNull();
    const phone = createStorefront(stack.gatewayUrl, { bearer: body.data!.startSession.sessionToken });
    await phone.request(ADD, { variantId: 'var_00001_1', quantity: 1 });
    expect((await phone.request<CartData>(CART)).body.data!.cart!.totalQuantity).toBe(1);
  });

  it('when a customer has more sessions than asked for, then the newest are listed, and the asking device last when it is older', async () => {
    const { email, web } = await signedUpCustomer();
    const devices = [];
    for (let i = 0; i < 3; i++) {
      const device = createStorefront(stack.gatewayUrl);
      const { body } = await device.request<{ signIn: AuthPayload }>(SIGN_IN, { input: { email, password: PASSWORD } });
      expect(body.data!.signIn.errors).toEqual([]);
      devices.push(device);
    }
    const SESSIONS = 'query Sessions($first: Int) { viewer { sessions(first: $first) { id current } } }';
    type Listed = { viewer: { sessions: { id: string; current: boolean }[] } };
    const all = (await web.request<Listed>(SESSIONS, { first: 10 })).body.data!.viewer.sessions;
    expect(all).toHaveLength(4);
    // Newest first: the sign-up's session (this web client) is the oldest of the four.
    expect(all.at(-1)).toMatchObject({ current: true });

    const two = (await web.request<Listed>(SESSIONS, { first: 2 })).body.data!.viewer.sessions;
    expect(two.map((session) => session.id)).toEqual([all[0]!.id, all[1]!.id, all[3]!.id]);
    expect(two.map((session) => session.current)).toEqual([false, false, true]);
    // The newest device is among the newest two: it is not listed twice.
    const fromNewest = (await devices[2]!.request<Listed>(SESSIONS, { first: 2 })).body.data!.viewer.sessions;
    expect(fromNewest.map((session) => [session.id, session.current])).toEqual([[all[0]!.id, true], [all[1]!.id, false]]);
    // The contract's Viewer, which names no count, gets the default of 50: all four.
    expect((await web.request<ViewerData>(VIEWER)).body.data!.viewer.sessions).toHaveLength(4);

    for (const first of [0, 101]) {
      const refused = await web.request<Listed>(SESSIONS, { first });
      expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
  });

  it('when a signed-in session is stored, then its record has a TTL and is listed under the customer', async () => {
    const { web, customerId } = await signedUpCustomer();
    const [session] = (await web.request<ViewerData>(VIEWER)).body.data!.viewer.sessions;
    const { Item } = await stack.tables.client.send(
      new GetCommand({ TableName: stack.tables.names.identity, Key: { PK: `SESSION#${session!.id}`, SK: 'SESSION' } }),
    );
    expect(Item).toMatchObject({ customerId, GSI1PK: `CUSTOMER#${customerId}` });
    expect(Item!['expiresAt']).toBeGreaterThan(Date.now() / 1000);
  });

  it('when an anonymous visitor only browses, then no session record exists; after the first cart line, one does', async () => {
    const visitor = createStorefront(stack.gatewayUrl);
    await visitor.request(contractOperation('Browse'), { first: 2 });
    await visitor.request(CART);
    const codec = createSessionTokenCodec(await createSessionKeyRing(stack.keys.sessionKeys));
    const decoded = await codec.decode(visitor.cookie!.slice(SESSION_COOKIE_NAME.length + 1));
    if (!decoded.ok) throw new Error('cookie did not decode');
    const key = { PK: `SESSION#${decoded.claims.sid}`, SK: 'SESSION' };
    const read = async () => (await stack.tables.client.send(new GetCommand({ TableName: stack.tables.names.identity, Key: key }))).Item;
    expect(await read()).toBeUndefined();

    await visitor.request(ADD, { variantId: 'var_00001_1', quantity: 1 });
    expect(await read()).toMatchObject({ sessionId: decoded.claims.sid, expiresAt: expect.any(Number) as number });
    expect((await read())!['customerId']).toBeUndefined();
  });

  it('when the admin signs in, then admin mutations work through the gateway; for a customer they are FORBIDDEN', async () => {
    await seedLocalAdmin(stack.tables.client, stack.tables.names.identity);
    const admin = createStorefront(stack.gatewayUrl);
    const signedIn = await admin.request<{ signIn: AuthPayload }>(SIGN_IN, { input: { email: LOCAL_ADMIN.email, password: LOCAL_ADMIN.password } });
    expect(signedIn.body.data!.signIn.errors).toEqual([]);
    const setStock = contractOperation('SetStock');
    const allowed = await admin.request<{ setStock: { variant: { availableQuantity: number } | null; errors: unknown[] } }>(setStock, {
      variantId: 'var_00005_1',
      quantity: 7,
    });
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data!.setStock.variant!.availableQuantity).toBe(7);

    const { web } = await signedUpCustomer();
    const refused = await web.request(setStock, { variantId: 'var_00005_1', quantity: 0 });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const price = await web.request(contractOperation('SetVariantPrice'), { variantId: 'var_00005_1', amount: 1 });
    expect(price.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('when a device signs in a moment before sign-out everywhere, then that session ends too', async () => {
    const { email, web, customerId } = await signedUpCustomer();
    const devices = Array.from({ length: 3 }, () => createStorefront(stack.gatewayUrl));
    await Promise.all(devices.map((device) => device.request(SIGN_IN, { input: { email, password: PASSWORD } })));
    await web.request(contractOperation('SignOutEverywhere'));
    for (const device of devices) expect((await device.request<ViewerData>(VIEWER)).body.data!.viewer.isAuthenticated).toBe(false);
    const { Item } = await stack.tables.client.send(
      new GetCommand({ TableName: stack.tables.names.identity, Key: { PK: `CUSTOMER#${customerId}`, SK: 'CUSTOMER' } }),
    );
    expect(Item!['sessionIds']).toBeUndefined();
  });

  it('when a customer item still lists session ids, as items did before sessions ended by mark, then the next sign-in drops the list', async () => {
    const { email, customerId } = await signedUpCustomer();
    const key = { PK: `CUSTOMER#${customerId}`, SK: 'CUSTOMER' };
    const customerItem = async () =>
      (await stack.tables.client.send(new GetCommand({ TableName: stack.tables.names.identity, Key: key, ConsistentRead: true }))).Item!;
    await stack.tables.client.send(
      new UpdateCommand({
        TableName: stack.tables.names.identity,
        Key: key,
        UpdateExpression: 'ADD sessionIds :ids',
        ExpressionAttributeValues: { ':ids': new Set(Array.from({ length: 60 }, () => newSessionId())) },
      }),
    );
    // Control: the list is there until then.
    expect((await customerItem())['sessionIds']).toBeInstanceOf(Set);

    const laptop = createStorefront(stack.gatewayUrl);
    await laptop.request(SIGN_IN, { input: { email, password: PASSWORD } });
    expect((await customerItem())['sessionIds']).toBeUndefined();
    expect((await laptop.request<ViewerData>(VIEWER)).body.data!.viewer.isAuthenticated).toBe(true);
  });
});
