import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { startStack, type TestStack } from '../support/stack.js';

/** One sample per series (`name{labels}`), from the Prometheus text format; throws on a line it cannot read. */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    // Comments, HELP and TYPE lines (an exporter with nothing recorded yet says so in one).
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})?) (-?[0-9.e+-]+|NaN|[+-]Inf)( \d+)?$/.exec(line);
    if (!match) throw new Error(`not Prometheus text: ${line}`);
    samples.set(match[1]!.replace(/,\}$/, '}'), Number(match[2]));
  }
  return samples;
}

function sum(samples: Map<string, number>, name: string, labels: Record<string, string>): number {
  let total = 0;
  for (const [series, value] of samples) {
    if (!series.startsWith(`${name}{`) && series !== name) continue;
    if (Object.entries(labels).every(([key, wanted]) => series.includes(`${key}="${wanted}"`))) total += value;
  }
  return total;
}

/** A port nothing listens on just now, for a listener whose address the test must know. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('each service’s metrics on its own port as Prometheus text', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ products: 6, env: { METRICS_PORT: '0' } });
  });
  afterAll(() => stack?.stop());

  const scrape = async (service: keyof TestStack['metricsUrls'] | URL) => {
    const response = await fetch(service instanceof URL ? service : stack.metricsUrls[service]!);
    expect(response.status).toBe(200);
    return parsePrometheus(await response.text());
  };

  it('serves /metrics on a loopback port apart from the service port, which does not serve it', async () => {
    const metricsUrl = new URL(stack.metricsUrls.gateway!);
    expect(metricsUrl.hostname).toBe('127.0.0.1');
    expect(metricsUrl.port).not.toBe(new URL(stack.gatewayUrl).port);
    expect((await fetch(new URL('/metrics', stack.gatewayUrl))).status).toBe(404);
    expect(Object.keys(stack.metricsUrls).sort()).toEqual(['cart', 'catalog', 'checkout', 'gateway', 'identity']);
  });

  it('counts requests by operation, DynamoDB calls and capacity by table, sessions minted and cache lookups in gateway and catalog', async () => {
    const cartTable = stack.tables.names.cart;
    const [gatewayBefore, cartBefore] = [await scrape('gateway'), await scrape('cart')];
    const storefront = createStorefront(stack.gatewayUrl);
    await storefront.request(contractOperation('Cart'));
    const added = await storefront.request<{ addToCart: { cart: unknown } }>(contractOperation('AddToCart'), { variantId: stack.catalog.variantIds[0], quantity: 1 });
    expect(added.body.data?.addToCart.cart).toBeTruthy();
    await storefront.request('query { product(id: 1) }');
    // Two listings in one order (of different sizes, so the gateway's response cache answers
    // neither): the second finds the order ready in the catalog's index.
    for (const first of [3, 4]) await storefront.request(contractOperation('Browse'), { first, sort: 'PRICE_ASC' });
    const [gateway, cart, catalog] = [await scrape('gateway'), await scrape('cart'), await scrape('catalog')];
    expect(sum(catalog, 'shopgraph_cache_lookups_total', { cache: 'catalog-sort-order', result: 'hit' })).toBeGreaterThanOrEqual(1);

    const requests = (samples: Map<string, number>, labels: Record<string, string>) => sum(samples, 'shopgraph_graphql_requests_total', labels);
    expect(requests(gateway, { operation: 'AddToCart', outcome: 'ok' }) - requests(gatewayBefore, { operation: 'AddToCart', outcome: 'ok' })).toBe(1);
    expect(sum(gateway, 'shopgraph_graphql_request_duration_count', { operation: 'AddToCart' })).toBeGreaterThanOrEqual(1);
    expect(sum(gateway, 'shopgraph_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBeGreaterThanOrEqual(1);
    expect(sum(gateway, 'shopgraph_sessions_minted_total', {}) - sum(gatewayBefore, 'shopgraph_sessions_minted_total', {})).toBe(1);
    expect(sum(gateway, 'shopgraph_cache_lookups_total', { cache: 'session-token', result: 'hit' })).toBeGreaterThanOrEqual(1);

    const calls = (samples: Map<string, number>) => sum(samples, 'shopgraph_dynamodb_calls_total', { table: cartTable, outcome: 'ok' });
    expect(calls(cart) - calls(cartBefore)).toBeGreaterThanOrEqual(2);
    expect(sum(cart, 'shopgraph_dynamodb_consumed_capacity_total', { table: cartTable })).toBeGreaterThan(
      sum(cartBefore, 'shopgraph_dynamodb_consumed_capacity_total', { table: cartTable }),
    );
    // Subgraphs count the operations the gateway's query plan sends them.
    expect(requests(cart, {}) - requests(cartBefore, {})).toBeGreaterThanOrEqual(2);
  });

  it('counts the public response cache’s lookups: a first public read misses, the same read again hits', async () => {
    const lookups = async (result: 'hit' | 'miss') => sum(await scrape('gateway'), 'shopgraph_cache_lookups_total', { cache: 'response', result });
    const [hitsBefore, missesBefore] = [await lookups('hit'), await lookups('miss')];
    // A size no other test asks for, and no cookie: a read the cache may keep.
    const variables = { first: 5, sort: 'TITLE' };
    for (let i = 0; i < 2; i++) await createStorefront(stack.gatewayUrl).request(contractOperation('Browse'), variables);
    expect((await lookups('miss')) - missesBefore).toBe(1);
    expect((await lookups('hit')) - hitsBefore).toBe(1);
  });

  it('counts a Redis fallback when Redis cannot vouch for revocations and identity answers instead', async () => {
    // A replica whose key prefix holds no completeness marker: Redis can never vouch there.
    const port = await freePort();
    const url = await stack.startGateway({ REDIS_KEY_PREFIX: `test:no-marker:${randomBytes(4).toString('hex')}:`, METRICS_PORT: String(port) });
    const metricsUrl = new URL(`http://127.0.0.1:${port}/metrics`);
    const fallbacks = async () => sum(await scrape(metricsUrl), 'shopgraph_redis_fallbacks_total', { path: 'session-status', answered_by: 'identity' });
    const storefront = createStorefront(url);
    // Minting a session checks nothing; the control.
    await storefront.request(contractOperation('Cart'));
    expect(await fallbacks()).toBe(0);
    // Presenting it asks Redis, which cannot answer for this prefix, so identity is asked.
    await storefront.request(contractOperation('Cart'));
    expect(await fallbacks()).toBe(1);
  });
});
