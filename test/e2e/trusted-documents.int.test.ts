import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation, createStorefront, type GraphQLResponse } from '../support/graphql-client.js';
import { startLoneGateway, type LoneGateway } from '../support/lone-gateway.js';
import { startSubgraphStandIn, type SubgraphStandIn } from '../support/subgraph-stand-in.js';

const manifest = JSON.parse(readFileSync(new URL('../../clients/operations/manifest.json', import.meta.url), 'utf8')) as {
  operations: { id: string; name: string }[];
};
const idOf = (name: string) => `sha256:${manifest.operations.find((operation) => operation.name === name)!.id}`;
const AD_HOC = '{ categories { slug } }';

async function post(url: string, body: Record<string, unknown>): Promise<GraphQLResponse> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse['body'] };
}
const codeOf = (response: GraphQLResponse) => response.body.errors?.[0]?.extensions?.['code'];

describe('trusted documents', () => {
  let standIn: SubgraphStandIn;
  let enforcing: LoneGateway;
  let allowing: LoneGateway;
  beforeAll(async () => {
    standIn = await startSubgraphStandIn();
    standIn.release();
    [enforcing, allowing] = await Promise.all([startLoneGateway(standIn.url, { TRUSTED_DOCUMENTS: 'enforce' }), startLoneGateway(standIn.url)]);
  });
  afterAll(async () => {
    await Promise.all([enforcing?.stop(), allowing?.stop()]);
    await standIn?.stop();
  });

  describe('enforce', () => {
    it('when a client sends the documentId of a manifest operation, then it runs', async () => {
      const before = standIn.requests();
      const response = await post(enforcing.url, { documentId: idOf('Categories') });
      expect(codeOf(response)).not.toMatch(/^TRUSTED_DOCUMENT/);
      expect(standIn.requests()).toBe(before + 1);
    });

    it('when a client sends a manifest operation as text, formatted as in operations.graphql, then it runs', async () => {
      const before = standIn.requests();
      const response = await createStorefront(enforcing.url).request(contractOperation('Cart'));
      expect(codeOf(response)).not.toMatch(/^TRUSTED_DOCUMENT/);
      expect(standIn.requests()).toBe(before + 1);
    });

    it('when a client sends a document of its own, then it is refused with TRUSTED_DOCUMENT_REQUIRED and no subgraph is called', async () => {
      const before = standIn.requests();
      const response = await createStorefront(enforcing.url).request(AD_HOC);
      expect(codeOf(response)).toBe('TRUSTED_DOCUMENT_REQUIRED');
      expect(response.body.data ?? null).toBeNull();
      expect(standIn.requests()).toBe(before);
      // Control: the same document is run where the manifest is not enforced.
      expect(codeOf(await createStorefront(allowing.url).request(AD_HOC))).not.toBe('TRUSTED_DOCUMENT_REQUIRED');
      expect(standIn.requests()).toBe(before + 1);
    });

    it('when a documentId is unknown or malformed, then it is refused with TRUSTED_DOCUMENT_NOT_FOUND', async () => {
      const unknown = `sha256:${'0'.repeat(64)}`;
      const malformed = idOf('Categories').replace('sha256:', 'md5:');
      for (const documentId of [unknown, malformed, 42]) {
        const response = await post(enforcing.url, { documentId });
        expect(response.status).toBe(400);
        expect(codeOf(response), String(documentId)).toBe('TRUSTED_DOCUMENT_NOT_FOUND');
      }
    });

    it('when a request sends both a query and a documentId, then it is refused as a bad request', async () => {
      const response = await post(enforcing.url, { documentId: idOf('Categories'), query: AD_HOC });
      expect(response.status).toBe(400);
      expect(codeOf(response)).toBe('BAD_REQUEST');
    });
  });

  describe('allow', () => {
    it('when an operation outside the manifest runs, then it is logged once, by name and id, never by text', async () => {
      const query = 'query Unlisted { shippingMethods { id } }';
      await createStorefront(allowing.url).request(query);
      await createStorefront(allowing.url).request(query);
      const logged = allowing.logLines().filter((line) => line['msg'] === 'ran an operation that is not in the trusted-documents manifest' && line['operationName'] === 'Unlisted');
      expect(logged).toHaveLength(1);
      expect(logged[0]!['documentId']).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(JSON.stringify(logged)).not.toContain('shippingMethods');
      // Control: a manifest operation is not logged at all.
      await post(allowing.url, { documentId: idOf('ShippingMethods') });
      expect(allowing.logLines().filter((line) => line['operationName'] === 'ShippingMethods')).toEqual([]);
    });
  });

  it('when a client registers an automatic persisted query, then it is refused in either mode', async () => {
    for (const gateway of [enforcing, allowing]) {
      const response = await post(gateway.url, {
        query: contractOperation('Categories'),
        extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
      });
      expect(codeOf(response)).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    }
  });
});
