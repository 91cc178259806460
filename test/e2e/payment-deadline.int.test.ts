import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorefront } from '../support/graphql-client.js';
import { startLoneGateway, type LoneGateway } from '../support/lone-gateway.js';

/** Each subgraph answer takes this long: past the ordinary deadline, well inside the payment one. */
const ANSWER_AFTER_MS = 1_000;

/**
 * A checkout that answers every fetch, correctly, but only after ANSWER_AFTER_MS, as one
 * waiting on a slow payment provider does: a mutation gets its payload, a query its list.
 */
async function startSlowCheckout(): Promise<{ url: string; fetches: () => number; stop: () => Promise<void> }> {
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      fetches++;
      const { query } = JSON.parse(body) as { query: string };
      const data = query.startsWith('mutation') ? { setStock: { __typename: 'SetStockPayload' } } : { shippingMethods: [] };
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data })), ANSWER_AFTER_MS);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    fetches: () => fetches,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the gateway’s deadline for a fetch that may wait on a payment provider', () => {
  let checkout: Awaited<ReturnType<typeof startSlowCheckout>>;
  let gateway: LoneGateway;
  beforeAll(async () => {
    checkout = await startSlowCheckout();
    gateway = await startLoneGateway(checkout.url, { SUBGRAPH_TIMEOUT_MS: '200', SUBGRAPH_PAYMENT_TIMEOUT_MS: '60000' });
  });
  afterAll(async () => {
    await gateway?.stop();
    await checkout?.stop();
  });

  it('when a mutation to checkout is slower than the ordinary deadline, then it still answers with its payload', async () => {
    const response = await createStorefront(gateway.url).request('mutation { setStock(variantId: "var_1", quantity: 1) { __typename } }');
    expect(response.body.errors ?? []).toEqual([]);
    expect(response.body.data).toEqual({ setStock: { __typename: 'SetStockPayload' } });
  });

  it('control: a read from the same checkout, as slow, fails at the ordinary deadline', async () => {
    const before = checkout.fetches();
    const response = await createStorefront(gateway.url).request('{ shippingMethods { id } }');
    expect(response.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['SERVICE_UNAVAILABLE']);
    expect(checkout.fetches()).toBe(before + 1);
  });
});
