import { countTokens } from '@shopgraph/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorefront, type GraphQLResponse } from '../support/graphql-client.js';
import { startLoneGateway, type LoneGateway } from '../support/lone-gateway.js';
import { startSubgraphStandIn, type SubgraphStandIn } from '../support/subgraph-stand-in.js';

/** The fan-out from the issue: 20 aliases of a 100-product page, variants ↔ product four levels deep. */
const FAN_OUT = `{ ${Array.from(
  { length: 20 },
  (_, i) => `p${i}: products(first: 100) { edges { node { variants { product { variants { product { variants { product { variants { product { title } } } } } } } } } } }`,
).join(' ')} }`;

const repeat = (count: number, text: (i: number) => string) => Array.from({ length: count }, (_, i) => text(i)).join(' ');

/** Each limit at its edge: the first document sits exactly at the default limit, the second one past it. */
const EDGES = [
  {
    limit: 'depth',
    code: 'QUERY_TOO_DEEP',
    maximum: 8,
    at: '{ product(slug: "a") { variants { product { variants { product { variants { product { title } } } } } } } }',
    past: '{ product(slug: "a") { variants { product { variants { product { variants { product { variants { id } } } } } } } } }',
  },
  {
    limit: 'aliases',
    code: 'QUERY_TOO_MANY_ALIASES',
    maximum: 15,
    at: `{ product(slug: "a") { ${repeat(15, (i) => `a${i}: id`)} } }`,
    past: `{ product(slug: "a") { ${repeat(16, (i) => `a${i}: id`)} } }`,
  },
  {
    limit: 'rootFields',
    code: 'QUERY_TOO_MANY_ROOT_FIELDS',
    maximum: 5,
    at: '{ __typename categories { id } shippingMethods { id } cart { id } viewer { isAuthenticated } }',
    past: '{ __typename categories { id } shippingMethods { id } cart { id } viewer { isAuthenticated } products(first: 1) { totalCount } }',
  },
  {
    limit: 'directives',
    code: 'QUERY_TOO_MANY_DIRECTIVES',
    maximum: 50,
    at: `{ ${repeat(50, () => '...F @include(if: true)')} } fragment F on Query { __typename }`,
    past: `{ ${repeat(51, () => '...F @include(if: true)')} } fragment F on Query { __typename }`,
  },
  // 2 braces + 165 fragments of 6 tokens + 8 for the cart: 1,000 tokens; one more field, 1,001.
  {
    limit: 'tokens',
    code: 'QUERY_TOO_MANY_TOKENS',
    maximum: 1000,
    at: `{ ${repeat(165, () => '... on Query { __typename }')} cart { id version status totalQuantity __typename } }`,
    past: `{ ${repeat(165, () => '... on Query { __typename }')} cart { id version status totalQuantity __typename } __typename }`,
  },
  // products 1 + totalCount 1 + edges n × (1 + node (1 + id 1)) = 2 + 3n: 5,000 at n = 1,666.
  {
    limit: 'cost',
    code: 'QUERY_TOO_COMPLEX',
    maximum: 5000,
    at: ['query Page($n: Int!) { products(first: $n) { totalCount edges { node { id } } } }', { n: 1666 }],
    past: ['query Page($n: Int!) { products(first: $n) { totalCount edges { node { id } } } }', { n: 1667 }],
  },
] as const;

type Document = string | readonly [string, Record<string, unknown>];

describe('operation limits at the gateway', () => {
  let standIn: SubgraphStandIn;
  let gateway: LoneGateway;
  beforeAll(async () => {
    standIn = await startSubgraphStandIn();
    // Answers at once: "passes the limits" then shows as a call reaching the subgraph.
    standIn.release();
    gateway = await startLoneGateway(standIn.url);
  });
  afterAll(async () => {
    await gateway?.stop();
    await standIn?.stop();
  });

  const send = (document: Document): Promise<GraphQLResponse> => {
    const [query, variables] = typeof document === 'string' ? [document, {}] : document;
    return createStorefront(gateway.url).request(query, variables);
  };
  const codes = (response: GraphQLResponse) => response.body.errors?.map((error) => error.extensions?.['code']) ?? [];

  it('when the fan-out from the issue arrives, then it is refused as too deep and no subgraph is called', async () => {
    expect(FAN_OUT.length).toBeGreaterThan(2_500);
    const before = standIn.requests();
    const response = await send(FAN_OUT);
    expect(codes(response)).toEqual(['QUERY_TOO_DEEP']);
    expect(response.body.data ?? null).toBeNull();
    expect(standIn.requests()).toBe(before);
  });

  it('when the fan-out is made shallow enough, then its aliases, and past them its cost, still refuse it without a subgraph call', async () => {
    const page = 'products(first: 100) { edges { node { variants { id } } } }';
    const before = standIn.requests();
    expect(codes(await send(`{ ${repeat(20, (i) => `p${i}: ${page}`)} }`))).toEqual(['QUERY_TOO_MANY_ALIASES']);
    // 1 + 100 × (1 + node (1 + 10 variants × 2)) = 2,201: three of them are over 5,000.
    expect(codes(await send(`{ ${repeat(3, (i) => `p${i}: ${page}`)} }`))).toEqual(['QUERY_TOO_COMPLEX']);
    expect(standIn.requests()).toBe(before);
    // Control: one such page is allowed, and does reach the subgraph.
    expect(codes(await send(`{ ${page} }`))).not.toContain('QUERY_TOO_COMPLEX');
    expect(standIn.requests()).toBe(before + 1);
  });

  it('when 200 aliases of __typename arrive, then they are refused for their aliases, without a subgraph call', async () => {
    const before = standIn.requests();
    const response = await send(`{ ${repeat(200, (i) => `t${i}: __typename`)} }`);
    expect(codes(response)).toEqual(['QUERY_TOO_MANY_ALIASES']);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ limit: 'aliases', maximum: 15, found: 200 });
    expect(standIn.requests()).toBe(before);
  });

  it('when the token edge cases are counted, then they hold 1,000 and 1,001 tokens', () => {
    const tokens = EDGES.find((edge) => edge.limit === 'tokens')!;
    expect([countTokens(tokens.at, 2000), countTokens(tokens.past, 2000)]).toEqual([1000, 1001]);
  });

  describe.each(EDGES)('the $limit limit', ({ limit, code, maximum, at, past }) => {
    it(`when an operation sits at the limit (${maximum}), then it runs`, async () => {
      const before = standIn.requests();
      const response = await send(at);
      expect(codes(response).filter((found) => String(found).startsWith('QUERY_TOO_'))).toEqual([]);
      // It ran: the gateway answered it (`__typename` alone) or passed it on to the subgraph.
      expect(response.body.data != null || standIn.requests() > before).toBe(true);
    });

    it('when an operation goes one past the limit, then it is refused with its own code naming the limit, and no subgraph is called', async () => {
      const before = standIn.requests();
      const response = await send(past);
      expect(codes(response)).toEqual([code]);
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ limit, maximum });
      expect(response.body.errors?.[0]?.message).toContain(String(maximum));
      expect(response.body.data ?? null).toBeNull();
      expect(standIn.requests()).toBe(before);
    });
  });
});
