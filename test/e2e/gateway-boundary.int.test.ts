import {
  createInternalContextSigner,
  createSessionKeyRing,
  createSessionTokenCodec,
  generateKeys,
  HEADER_INTERNAL_CONTEXT,
  newSessionId,
  SESSION_COOKIE_NAME,
} from '@shopgraph/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { startStack, type TestStack } from '../support/stack.js';
import { startSubgraphStandIn } from '../support/subgraph-stand-in.js';

const ADD = contractOperation('AddToCart');
const CART = contractOperation('Cart');
/** What a subgraph alone can answer: the contract's Cart needs catalog fields too. */
const SUBGRAPH_CART = '{ cart { id totalQuantity } }';
/** A client that takes the GraphQL response media type gets 400 for a refused document (application/json gets 200). */
const GRAPHQL_RESPONSE = { accept: 'application/graphql-response+json' };

describe('the gateway boundary', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ products: 6 });
  });
  afterAll(() => stack?.stop());

  async function victimWithCart() {
    const victim = createStorefront(stack.gatewayUrl);
    await victim.request(ADD, { variantId: 'var_00001_1', quantity: 1 });
    const codec = createSessionTokenCodec(await createSessionKeyRing(stack.keys.sessionKeys));
    const decoded = await codec.decode(victim.cookie!.slice(SESSION_COOKIE_NAME.length + 1));
    if (!decoded.ok) throw new Error('victim cookie did not decode');
    return { victim, sessionId: decoded.claims.sid };
  }

  describe('subgraphs refuse session-bound work without the gateway’s signature', () => {
    it('when a client calls the cart subgraph directly, then it gets UNAUTHENTICATED and no cart', async () => {
      const { body } = await createStorefront(stack.subgraphUrls.cart).request(SUBGRAPH_CART);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.data?.['cart'] ?? null).toBeNull();
    });

    it('when a context header is signed by another key, then the subgraph refuses it and logs that', async () => {
      const { sessionId } = await victimWithCart();
      const attackerKeys = await generateKeys('attacker');
      const forged = await (await createInternalContextSigner(attackerKeys.internalContextPrivateKey)).sign({
        session: { sessionId },
        requestId: 'forged',
      }, 'cart');
      for (const header of [forged, 'not-a-jws', `${forged}x`]) {
        const { body } = await createStorefront(stack.subgraphUrls.cart).request(SUBGRAPH_CART, {}, { [HEADER_INTERNAL_CONTEXT]: header });
        expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
      expect(stack.logLines().some((line) => line['msg'] === 'refused an internal context that did not verify')).toBe(true);

      // Control: the same call signed with the gateway's own key does reach the cart.
      const genuine = await (await createInternalContextSigner(stack.keys.internalContextPrivateKey)).sign({
        session: { sessionId },
        requestId: 'genuine',
      }, 'cart');
      const { body } = await createStorefront(stack.subgraphUrls.cart).request<{ cart: { totalQuantity: number } }>(
        SUBGRAPH_CART,
        {},
        { [HEADER_INTERNAL_CONTEXT]: genuine },
      );
      expect(body.data!.cart.totalQuantity).toBe(1);
    });

    it('when a client sends a context header through the gateway, even a validly signed one, then the gateway replaces it', async () => {
      const { sessionId } = await victimWithCart();
      const leaked = await (await createInternalContextSigner(stack.keys.internalContextPrivateKey)).sign({
        session: { sessionId },
        requestId: 'leaked',
      }, 'cart');
      const attacker = createStorefront(stack.gatewayUrl);
      const { body } = await attacker.request<{ cart: unknown }>(CART, {}, { [HEADER_INTERNAL_CONTEXT]: leaked });
      expect(body.errors).toBeUndefined();
      expect(body.data!.cart).toBeNull();
    });
  });

  describe('each context is scoped to the subgraph it was signed for', () => {
    it('when a context signed for catalog is replayed against cart and identity, then both refuse it; each accepts its own', async () => {
      const { sessionId } = await victimWithCart();
      const signer = await createInternalContextSigner(stack.keys.internalContextPrivateKey);
      const session = { sessionId };
      const forCatalog = await signer.sign({ session, requestId: 'captured' }, 'catalog');
      const viewer = '{ viewer { isAuthenticated } }';
      const askCart = (header: string) => createStorefront(stack.subgraphUrls.cart).request<{ cart: { totalQuantity: number } | null }>(SUBGRAPH_CART, {}, { [HEADER_INTERNAL_CONTEXT]: header });
      const askIdentity = (header: string) =>
        createStorefront(stack.subgraphUrls.identity).request<{ viewer: { isAuthenticated: boolean } }>(viewer, {}, { [HEADER_INTERNAL_CONTEXT]: header });

      expect((await askCart(forCatalog)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await askIdentity(forCatalog)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const statusUrl = stack.subgraphUrls.identity.replace(/\/graphql$/, '/internal/session-status');
      const status = await fetch(statusUrl, { method: 'POST', headers: { 'content-type': 'application/json', [HEADER_INTERNAL_CONTEXT]: forCatalog }, body: '{}' });
      expect(status.status).toBe(401);

      // Controls: signed for each of them, the same session is served.
      expect((await askCart(await signer.sign({ session, requestId: 'own' }, 'cart'))).body.data!.cart!.totalQuantity).toBe(1);
      expect((await askIdentity(await signer.sign({ session, requestId: 'own' }, 'identity'))).body.data!.viewer.isAuthenticated).toBe(false);
    });
  });

  describe('session transport', () => {
    it('when a mobile client sends a bearer token, then its session holds the cart and no cookie is set', async () => {
      const codec = createSessionTokenCodec(await createSessionKeyRing(stack.keys.sessionKeys));
      const token = await codec.encode({ sessionId: newSessionId() }, 3600);
      const phone = createStorefront(stack.gatewayUrl, { bearer: token });
      const added = await phone.request(ADD, { variantId: 'var_00002_1', quantity: 1 });
      expect(added.headers.get('set-cookie')).toBeNull();
      const { body } = await phone.request<{ cart: { totalQuantity: number } }>(CART);
      expect(body.data!.cart.totalQuantity).toBe(1);
    });

    it('when the cookie is tampered with, then the visitor gets a fresh anonymous session and the token is not logged', async () => {
      const shop = createStorefront(stack.gatewayUrl);
      await shop.request(ADD, { variantId: 'var_00001_1', quantity: 1 });
      const tampered = `${shop.cookie!.slice(0, -4)}AAAA`;
      shop.cookie = tampered;
      const { body, headers } = await shop.request<{ cart: unknown }>(CART);
      expect(body.data!.cart).toBeNull();
      expect(headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE_NAME}=`));
      const logged = JSON.stringify(stack.logLines());
      expect(logged).toContain('refused a session token');
      expect(logged).not.toContain(tampered.slice(SESSION_COOKIE_NAME.length + 1));
    });

    it('when the bearer token is garbage or oversized, then the request is served anonymously, not failed', async () => {
      for (const bearer of ['garbage', 'a'.repeat(10_000)]) {
        const { status, body } = await createStorefront(stack.gatewayUrl, { bearer }).request<{ cart: unknown }>(CART);
        expect(status).toBe(200);
        expect(body.data!.cart).toBeNull();
      }
    });
  });

  describe('production profile', () => {
    it('when introspection is attempted outside development, then it is refused', async () => {
      const { status, body } = await createStorefront(stack.gatewayUrl).request('{ __schema { types { name } } }', {}, GRAPHQL_RESPONSE);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('when a body is over 100 kB, then the gateway answers 413 with a JSON error', async () => {
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ __typename }`, variables: { padding: 'x'.repeat(120 * 1024) } }),
      });
      expect(response.status).toBe(413);
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('when a cross-site form posts a mutation, then CSRF prevention refuses it and nothing is written', async () => {
      const victim = createStorefront(stack.gatewayUrl);
      await victim.request(CART);
      for (const contentType of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
        const response = await fetch(stack.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': contentType, cookie: victim.cookie! },
          body: `query=${encodeURIComponent('mutation { addToCart(variantId: "var_00001_1", quantity: 1) { errors { code } } }')}`,
        });
        expect(response.status, contentType).toBe(400);
      }
      const { body } = await victim.request<{ cart: unknown }>(CART);
      expect(body.data!.cart).toBeNull();
    });

    it('when a mutation comes as a GET with a query string, then it is refused and nothing is written', async () => {
      const victim = createStorefront(stack.gatewayUrl);
      await victim.request(CART);
      const query = encodeURIComponent('mutation { addToCart(variantId: "var_00001_1", quantity: 1) { errors { code } } }');
      const simple = await fetch(`${stack.gatewayUrl}?query=${query}`, { headers: { cookie: victim.cookie! } });
      expect(simple.status).toBe(400);
      const preflighted = await fetch(`${stack.gatewayUrl}?query=${query}`, {
        headers: { cookie: victim.cookie!, 'apollo-require-preflight': 'true' },
      });
      expect(preflighted.status).toBe(405);
      const { body } = await victim.request<{ cart: unknown }>(CART);
      expect(body.data!.cart).toBeNull();
    });

    it('when a client queries _entities through the gateway, then validation refuses it', async () => {
      const { status } = await createStorefront(stack.gatewayUrl).request(
        '{ _entities(representations: [{ __typename: "ProductVariant", id: "var_00001_1" }]) { __typename } }',
        {},
        GRAPHQL_RESPONSE,
      );
      expect(status).toBe(400);
    });

    it('when a subgraph refuses with a catalogued code, then the code and message reach the client unmasked', async () => {
      const { body } = await createStorefront(stack.gatewayUrl).request(contractOperation('Browse'), { first: 20, after: 'not-a-cursor-of-ours' });
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).not.toMatch(/internal/i);
    });

    it('when any request is answered, then it carries a request id for support', async () => {
      const { headers } = await createStorefront(stack.gatewayUrl).request('{ __typename }');
      expect(headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('a subgraph that hangs', () => {
    it('when checkout never answers, then pages needing its fields fail with SERVICE_UNAVAILABLE, catalog’s pages are served, and the request ends', async () => {
      const hung = await startSubgraphStandIn();
      try {
        // Long enough for the fetch to reach the stand-in on a busy machine (it is counted there), short enough to wait out.
        const url = await stack.startGateway({ SUBGRAPH_URL_CHECKOUT: hung.url, SUBGRAPH_TIMEOUT_MS: '2000' });
        const shop = createStorefront(url);
        const browse = await shop.request<{ products: { edges: { node: { slug: string; title: string } }[] } }>(contractOperation('Browse'), { first: 1 });
        // Catalog alone answers Browse: a hung checkout costs it nothing.
        expect(browse.body.errors).toBeUndefined();
        const { slug } = browse.body.data!.products.edges[0]!.node;
        const { body } = await shop.request<{ product: unknown }>(contractOperation('ProductPage'), { slug });
        expect(hung.requests()).toBeGreaterThan(0);
        expect(body.errors?.map((error) => error.extensions?.['code'])).toContain('SERVICE_UNAVAILABLE');
        expect(body.errors?.find((error) => error.extensions?.['code'] === 'SERVICE_UNAVAILABLE')?.message).toMatch(/checkout/);
        expect(body.errors?.some((error) => error.extensions?.['code'] === 'INTERNAL_SERVER_ERROR')).toBe(false);
        // Stock is non-null in the schema, so its failure nulls the product, as GraphQL's null propagation says.
        expect(body.data?.product ?? null).toBeNull();
        // Control: the same page through the first gateway, whose checkout answers, has no error at all.
        const served = await createStorefront(stack.gatewayUrl).request(contractOperation('ProductPage'), { slug });
        expect(served.body.errors).toBeUndefined();
      } finally {
        await hung.stop();
      }
    });
  });

  it('when /health and /ready are asked of every service, then each answers 200', async () => {
    for (const url of [stack.gatewayUrl, ...Object.values(stack.subgraphUrls)]) {
      const base = url.replace(/\/graphql$/, '');
      expect((await fetch(`${base}/health`)).status, base).toBe(200);
      const ready = await fetch(`${base}/ready`);
      expect(ready.status, base).toBe(200);
    }
  });
});
