import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorefront } from '../support/graphql-client.js';
import { startLoneGateway, type LoneGateway } from '../support/lone-gateway.js';

const PRODUCT = 'query ProductById($id: ID) { product(id: $id) { id title } }';
const LISTING = 'query Listing($first: Int = 3, $filter: ProductFilter, $sort: ProductSort) { products(first: $first, filter: $filter, sort: $sort) { totalCount } }';

interface CatalogCall {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * A catalog that answers `product` (with the id it was asked for) and `products`, publicly
 * cacheable, and records every call: the gateway's own cache is what is under test.
 */
async function startPublicCatalog() {
  const calls: CatalogCall[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const call = JSON.parse(body) as CatalogCall;
      calls.push(call);
      const data = call.query.includes('product(')
        ? { product: { id: String(call.variables['id']), title: `Product ${String(call.variables['id'])}` } }
        : { products: { totalCount: 10 } };
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60, public' }).end(JSON.stringify({ data }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    calls: () => calls.length,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The response cache's key: what two public reads must share to share one answer. */
describe('the public response cache’s key', () => {
  let catalog: Awaited<ReturnType<typeof startPublicCatalog>>;
  let gateway: LoneGateway;

  beforeAll(async () => {
    catalog = await startPublicCatalog();
    gateway = await startLoneGateway(catalog.url);
  });
  afterAll(async () => {
    await gateway?.stop();
    await catalog?.stop();
  });

  /** One visitor without a session, as every public read here is. */
  const read = async <T,>(query: string, variables: Record<string, unknown>) => {
    const answer = await createStorefront(gateway.url).request<T>(query, variables);
    expect(answer.body.errors).toBeUndefined();
    return answer;
  };
  /** How many of `reads` reached the catalog. */
  const callsFor = async (reads: () => Promise<unknown>) => {
    const before = catalog.calls();
    await reads();
    return catalog.calls() - before;
  };

  it('when requests differ only in variables the operation does not declare, then they share one entry', async () => {
    const fetched = await callsFor(async () => {
      const first = await read(PRODUCT, { id: 'prod_junk' });
      for (let i = 0; i < 20; i++) {
        const again = await read(PRODUCT, { id: 'prod_junk', [`junk${i}`]: i, cacheBuster: `x${i}` });
        expect(again.body).toEqual(first.body);
        expect(again.headers.get('age')).toMatch(/^\d+$/);
      }
    });
    expect(fetched).toBe(1);
  });

  it('when a client sends junk variables to a small cache, then it cannot push out another read’s entry', async () => {
    const small = await startLoneGateway(catalog.url, { RESPONSE_CACHE_MAX_ENTRIES: '4' });
    try {
      const readFrom = (query: string, variables: Record<string, unknown>) => createStorefront(small.url).request(query, variables);
      const fetched = await callsFor(async () => {
        await readFrom(LISTING, { first: 7 });
        for (let i = 0; i < 50; i++) await readFrom(PRODUCT, { id: 'prod_flush', [`flush${i}`]: 'x'.repeat(100) });
        const again = await readFrom(LISTING, { first: 7 });
        expect(again.headers.get('age')).toMatch(/^\d+$/);
      });
      expect(fetched).toBe(2);
    } finally {
      await small.stop();
    }
  });

  it('when values differ only in ways coercion makes equal, then they share one entry', async () => {
    // An ID given as a number is read as its string.
    expect(await callsFor(async () => (await read(PRODUCT, { id: 42 }), await read(PRODUCT, { id: '42' })))).toBe(1);
    // A variable left out takes its default: the same as sending the default.
    expect(await callsFor(async () => (await read(LISTING, {}), await read(LISTING, { first: 3 })))).toBe(1);
  });

  it('when the same variables come in another key order, at the top or inside an input object, then they share one entry', async () => {
    const fetched = await callsFor(async () => {
      await read(LISTING, { first: 5, sort: 'TITLE', filter: { inStock: true, minPrice: 100 } });
      await read(LISTING, { filter: { minPrice: 100, inStock: true }, sort: 'TITLE', first: 5 });
    });
    expect(fetched).toBe(1);
  });

  it('when declared variables differ, then each gets its own entry and its own answer (control)', async () => {
    const fetched = await callsFor(async () => {
      const one = await read<{ product: { id: string } }>(PRODUCT, { id: 'prod_one' });
      const two = await read<{ product: { id: string } }>(PRODUCT, { id: 'prod_two' });
      expect([one.body.data!.product.id, two.body.data!.product.id]).toEqual(['prod_one', 'prod_two']);
      await read(LISTING, { first: 5, filter: { inStock: true } });
      await read(LISTING, { first: 5, filter: { inStock: false } });
      // Null is not the default: an explicit null and a left-out variable are two requests.
      await read(LISTING, { first: 5, sort: null });
      await read(LISTING, { first: 5 });
    });
    expect(fetched).toBe(6);
  });

  it('when a declared variable does not coerce, then the request is refused and nothing is kept for it (control)', async () => {
    const before = catalog.calls();
    const refused = await createStorefront(gateway.url).request(LISTING, { first: 'two' });
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(catalog.calls()).toBe(before);
  });
});
