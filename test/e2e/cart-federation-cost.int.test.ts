import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy.js';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { startStack, type TestStack } from '../support/stack.js';

describe('what a cart costs the catalog', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ products: 30 });
  });
  afterAll(() => stack?.stop());

  it('when a cart of 50 lines is read through the gateway, then the gateway asks the catalog once', async () => {
    const proxy = await startCountingProxy(stack.subgraphUrls.catalog);
    try {
      const gateway = await stack.startGateway({ SUBGRAPH_URL_CATALOG: proxy.url });
      const shop = createStorefront(gateway);
      const variants = stack.catalog.variantIds.slice(0, 50);
      expect(variants).toHaveLength(50);
      await stack.setStock(Object.fromEntries(variants.map((id) => [id, 10])));
      for (const variantId of variants) await shop.request(contractOperation('AddToCart'), { variantId, quantity: 1 });

      proxy.reset();
      const { body } = await shop.request<{ cart: { lines: { variant: { sku: string; product: { title: string } } }[] } }>(contractOperation('Cart'));
      expect(body.data!.cart.lines).toHaveLength(50);
      expect(body.data!.cart.lines.every((line) => line.variant.sku.length > 0 && line.variant.product.title.length > 0)).toBe(true);
      expect(proxy.count()).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});

describe('what a cart change costs the catalog', () => {
  let stack: TestStack;
  let cartToCatalog: CountingProxy;
  beforeAll(async () => {
    // Cart is wired to the proxy before the stack starts; the proxy learns catalog's port after.
    cartToCatalog = await startCountingProxy('http://127.0.0.1:9/graphql');
    stack = await startStack({ products: 12, cartEnv: { CATALOG_URL: cartToCatalog.url } });
    cartToCatalog.retarget(stack.subgraphUrls.catalog);
  });
  afterAll(async () => {
    await stack?.stop();
    await cartToCatalog?.close();
  });

  it('when a shopper adds to a cart of several lines, then cart asks the catalog once, with the client request’s id', async () => {
    const gatewayToCatalog = await startCountingProxy(stack.subgraphUrls.catalog);
    try {
      const shop = createStorefront(await stack.startGateway({ SUBGRAPH_URL_CATALOG: gatewayToCatalog.url }));
      const variants = stack.catalog.variantIds.slice(0, 6);
      await stack.setStock(Object.fromEntries(variants.map((id) => [id, 10])));
      for (const variantId of variants.slice(0, 5)) await shop.request(contractOperation('AddToCart'), { variantId, quantity: 1 });

      for (const [operation, variables] of [
        ['AddToCart', { variantId: variants[5], quantity: 2 }],
        ['Cart', {}],
      ] as const) {
        cartToCatalog.reset();
        gatewayToCatalog.reset();
        const { headers, body } = await shop.request<Record<string, { lines?: unknown[]; cart?: { lines: unknown[] } }>>(contractOperation(operation), variables);
        expect(JSON.stringify(body.data)).toContain(variants[5]);
        // One price lookup for the change and its answer; the gateway's own variant fetch is the only other.
        expect([operation, cartToCatalog.count(), gatewayToCatalog.count()]).toEqual([operation, 1, 1]);
        expect(cartToCatalog.headers()[0]!['x-request-id']).toBe(headers.get('x-request-id'));
      }
    } finally {
      await gatewayToCatalog.close();
    }
  });
});
