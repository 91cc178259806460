import { createSessionKeyRing, createSessionTokenCodec, HEADER_INTERNAL_CONTEXT, newSessionId, SESSION_COOKIE_NAME } from '@shopgraph/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy.js';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { startStack, type TestStack } from '../support/stack.js';

const BROWSE = contractOperation('Browse');
const CART = contractOperation('Cart');
const ADD = contractOperation('AddToCart');
/** Public and session-bound fields in one operation. */
const PRODUCTS_AND_CART = 'query ProductsAndCart { products(first: 2) { totalCount edges { node { id } } } cart { id totalQuantity } }';

interface ProductsAndCartData {
  products: { totalCount: number };
  cart: { id: string; totalQuantity: number } | null;
}

const PUBLIC = /^max-age=\d+, public$/;

/**
 * A stack of its own for a describe block, with a gateway that reaches the catalog through a
 * counting proxy (how often, and with which headers). Each block has its own, so one block's
 * cached answers never serve another's reads.
 */
function stackWithCountedCatalog() {
  const setUp = { stack: undefined as unknown as TestStack, catalog: undefined as unknown as CountingProxy, gatewayUrl: '', variantId: '' };
  beforeAll(async () => {
    setUp.stack = await startStack({ products: 6 });
    setUp.catalog = await startCountingProxy(setUp.stack.subgraphUrls.catalog);
    setUp.gatewayUrl = await setUp.stack.startGateway({ SUBGRAPH_URL_CATALOG: setUp.catalog.url });
    setUp.variantId = setUp.stack.catalog.variantIds[0]!;
  });
  afterAll(async () => {
    await setUp.catalog?.close();
    await setUp.stack?.stop();
  });
  return setUp;
}

describe('lazy sessions: a public read runs without one', () => {
  const setUp = stackWithCountedCatalog();

  it('when a visitor without a cookie browses, then no session is minted: no Set-Cookie, a public max age, no context to the catalog', async () => {
    setUp.catalog.reset();
    const { status, headers, body } = await createStorefront(setUp.gatewayUrl).request(BROWSE, { first: 2, sort: 'NEWEST' });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(headers.get('set-cookie')).toBeNull();
    expect(headers.get('cache-control')).toMatch(PUBLIC);
    expect(setUp.catalog.count()).toBe(1);
    expect(setUp.catalog.headers()[0]![HEADER_INTERNAL_CONTEXT]).toBeUndefined();
  });

  it('when a visitor without a cookie asks for its cart, or adds to it, then it gets a session cookie as before', async () => {
    const reader = createStorefront(setUp.gatewayUrl);
    const cart = await reader.request(CART);
    expect(cart.body.errors).toBeUndefined();
    expect(cart.headers.get('set-cookie')).toMatch(/^__Host-shopgraph-session=/);
    expect(cart.headers.get('cache-control')).toBe('private, no-store');

    const buyer = createStorefront(setUp.gatewayUrl);
    const added = await buyer.request<{ addToCart: { cart: { totalQuantity: number } } }>(ADD, { variantId: setUp.variantId, quantity: 2 });
    expect(added.headers.get('set-cookie')).toMatch(/^__Host-shopgraph-session=/);
    expect(added.headers.get('cache-control')).toBe('private, no-store');
    expect(added.body.data!.addToCart.cart.totalQuantity).toBe(2);
    // The cookie carries that cart.
    expect((await buyer.request<{ cart: { totalQuantity: number } }>(CART)).body.data!.cart.totalQuantity).toBe(2);
  });

  it('when one operation asks for products and the cart, then a session is minted, the catalog gets a context and the answer is private', async () => {
    setUp.catalog.reset();
    const { headers, body } = await createStorefront(setUp.gatewayUrl).request<ProductsAndCartData>(PRODUCTS_AND_CART);
    expect(body.errors).toBeUndefined();
    expect(body.data!.products.totalCount).toBe(6);
    expect(headers.get('set-cookie')).toMatch(/^__Host-shopgraph-session=/);
    expect(headers.get('cache-control')).toBe('private, no-store');
    expect(setUp.catalog.headers()[0]![HEADER_INTERNAL_CONTEXT]).toEqual(expect.any(String));
  });

  it('when a returning visitor browses, then its cookie is kept as it is and the answer stays public; once due, the token is refreshed as before', async () => {
    // Tokens aged by their issue time, not by waiting: the fresh one stays fresh however slow the machine.
    const sliding = await setUp.stack.startGateway({ SESSION_REFRESH_AFTER_SECONDS: '300' });
    const codec = createSessionTokenCodec(await createSessionKeyRing(setUp.stack.keys.sessionKeys));
    const cookieIssued = async (at: Date) => `${SESSION_COOKIE_NAME}=${await codec.encode({ sessionId: newSessionId() }, 30 * 86_400, at)}`;
    const shop = createStorefront(sliding);
    shop.cookie = await cookieIssued(new Date());
    const cookie = shop.cookie;

    const fresh = await shop.request(BROWSE, { first: 1 });
    expect(fresh.headers.get('set-cookie')).toBeNull();
    expect(fresh.headers.get('cache-control')).toMatch(PUBLIC);

    shop.cookie = await cookieIssued(new Date(Date.now() - 600_000));
    const aged = shop.cookie;
    const due = await shop.request(BROWSE, { first: 1 });
    expect(due.body.errors).toBeUndefined();
    expect(due.headers.get('set-cookie')).toMatch(/^__Host-shopgraph-session=/);
    expect(due.headers.get('cache-control')).toBe('private, no-store');
    expect(shop.cookie).not.toBe(aged);
    expect(shop.cookie).not.toBe(cookie);
  });
});

describe('the public response cache', () => {
  const setUp = stackWithCountedCatalog();

  it('when the same public read comes again without a session, then the gateway answers it from its cache, with its Age', async () => {
    const variables = { first: 3, sort: 'TITLE' };
    setUp.catalog.reset();
    const first = await createStorefront(setUp.gatewayUrl).request(BROWSE, variables);
    expect(first.headers.get('age')).toBeNull();
    const second = await createStorefront(setUp.gatewayUrl).request(BROWSE, variables);
    expect(setUp.catalog.count()).toBe(1);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('age')).toMatch(/^\d+$/);
    expect(second.headers.get('cache-control')).toMatch(PUBLIC);
    expect(second.headers.get('set-cookie')).toBeNull();
    // Control: other variables are another answer.
    await createStorefront(setUp.gatewayUrl).request(BROWSE, { ...variables, first: 4 });
    expect(setUp.catalog.count()).toBe(2);
  });

  it('when a cached answer reaches its max age, then the next request asks the catalog again', async () => {
    // Filtering on stock lowers the catalog's hint to 5 seconds.
    const variables = { first: 2, filter: { inStock: true } };
    setUp.catalog.reset();
    const first = await createStorefront(setUp.gatewayUrl).request(BROWSE, variables);
    expect(first.headers.get('cache-control')).toBe('max-age=5, public');
    await createStorefront(setUp.gatewayUrl).request(BROWSE, variables);
    expect(setUp.catalog.count()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 5_100));
    const later = await createStorefront(setUp.gatewayUrl).request(BROWSE, variables);
    expect(later.headers.get('age')).toBeNull();
    expect(setUp.catalog.count()).toBe(2);
  }, 20_000);

  it('when shoppers with carts send the same operation, then each gets its own answer and none is kept for another', async () => {
    const alice = createStorefront(setUp.gatewayUrl);
    const bob = createStorefront(setUp.gatewayUrl);
    await alice.request(ADD, { variantId: setUp.variantId, quantity: 3 });
    await bob.request(ADD, { variantId: setUp.variantId, quantity: 1 });
    setUp.catalog.reset();
    const aliceAnswer = await alice.request<ProductsAndCartData>(PRODUCTS_AND_CART);
    const bobAnswer = await bob.request<ProductsAndCartData>(PRODUCTS_AND_CART);
    const strangerAnswer = await createStorefront(setUp.gatewayUrl).request<ProductsAndCartData>(PRODUCTS_AND_CART);
    expect(aliceAnswer.body.data!.cart!.totalQuantity).toBe(3);
    expect(bobAnswer.body.data!.cart!.totalQuantity).toBe(1);
    expect(strangerAnswer.body.data!.cart?.totalQuantity ?? 0).toBe(0);
    expect(new Set([aliceAnswer.body.data!.cart!.id, bobAnswer.body.data!.cart!.id]).size).toBe(2);
    // Every one of them ran: nothing was answered from the cache.
    expect(setUp.catalog.count()).toBe(3);
    for (const answer of [aliceAnswer, bobAnswer, strangerAnswer]) expect(answer.headers.get('age')).toBeNull();
  });

  it('when RESPONSE_CACHE_MAX_ENTRIES is 0, then every public read goes to the catalog', async () => {
    const uncached = await setUp.stack.startGateway({ SUBGRAPH_URL_CATALOG: setUp.catalog.url, RESPONSE_CACHE_MAX_ENTRIES: '0' });
    setUp.catalog.reset();
    await createStorefront(uncached).request(BROWSE, { first: 5 });
    const again = await createStorefront(uncached).request(BROWSE, { first: 5 });
    expect(setUp.catalog.count()).toBe(2);
    // Still public: a CDN in front may keep it.
    expect(again.headers.get('cache-control')).toMatch(PUBLIC);
  });
});
