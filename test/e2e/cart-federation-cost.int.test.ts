import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { startStack, type TestStack } from '../support/stack.js';

/** A pass-through proxy in front of the catalog subgraph that counts what the gateway asks. */
async function countingProxy(target: string): Promise<{ url: string; count: () => number; reset: () => void; close: () => Promise<void> }> {
  const upstream = new URL(target);
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: upstream.pathname, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    count: () => requests,
    reset: () => (requests = 0),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('what a cart costs the catalog', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ products: 30 });
  });
  afterAll(() => stack?.stop());

  it('when a cart of 50 lines is read through the gateway, then the gateway asks the catalog once', async () => {
    const proxy = await countingProxy(stack.subgraphUrls.catalog);
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
