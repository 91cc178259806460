import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoneGateway, type LoneGateway } from '../support/lone-gateway.js';
import { startSubgraphStandIn, type SubgraphStandIn } from '../support/subgraph-stand-in.js';

describe('GraphQL over HTTP', () => {
  let standIn: SubgraphStandIn;
  let gateway: LoneGateway;
  beforeAll(async () => {
    standIn = await startSubgraphStandIn();
    standIn.release();
    // The audits introspect (`__type`), which only development allows.
    gateway = await startLoneGateway(standIn.url, { NODE_ENV: 'development' });
  });
  afterAll(async () => {
    await gateway?.stop();
    await standIn?.stop();
  });

  it('when the graphql-http audit suite runs against the gateway, then every audit passes', async () => {
    const results = await auditServer({
      url: gateway.url,
      // What a storefront's GET sends: CSRF prevention runs no GET without such a header.
      fetchFn: (...[input, init]: Parameters<typeof fetch>) => {
        const headers = new Headers(init?.headers);
        headers.set('apollo-require-preflight', 'true');
        return fetch(input, { ...init, headers });
      },
    });
    const failed = results.filter((result) => result.status !== 'ok').map((result) => `${result.status} ${result.id} ${result.name}`);
    expect(results).toHaveLength(61);
    expect(failed).toEqual([]);
  });

  async function post(body: unknown, accept?: string): Promise<{ status: number; code: unknown }> {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as { errors?: { extensions?: { code?: unknown } }[] };
    return { status: response.status, code: answer.errors?.[0]?.extensions?.code };
  }

  it('when an operation does not parse, validate or coerce, then application/json clients get 200 and graphql-response+json clients 400', async () => {
    const failures = [
      [{ query: '{' }, 'GRAPHQL_PARSE_FAILED'],
      [{ query: '{ nope }' }, 'GRAPHQL_VALIDATION_FAILED'],
      [{ query: 'query Q($n: Int!) { products(first: $n) { totalCount } }', variables: { n: 'many' } }, 'BAD_USER_INPUT'],
      [{ query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: __typename`).join(' ')} }` }, 'QUERY_TOO_MANY_ALIASES'],
    ] as const;
    for (const [body, code] of failures) {
      expect(await post(body), code).toEqual({ status: 200, code });
      expect(await post(body, 'application/json'), code).toEqual({ status: 200, code });
      expect(await post(body, 'application/graphql-response+json'), code).toEqual({ status: 400, code });
    }
  });

  it('when the HTTP request itself is malformed, then it is a 400 for every client', async () => {
    expect(await post({ variables: {} }, 'application/json')).toEqual({ status: 400, code: 'BAD_REQUEST' });
  });
});
