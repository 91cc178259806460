import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorefront } from '../support/graphql-client.js';
import { hostileDocuments } from '../support/hostile-documents.js';
import { startLoneGateway, type LoneGateway } from '../support/lone-gateway.js';
import { startSubgraphStandIn, type SubgraphStandIn } from '../support/subgraph-stand-in.js';

/**
 * One small request must never stop a replica: each hostile document, at the token limit, is
 * answered, and the replica's /health answers right after it. The walks' linear bounds are
 * counted in gateway/test/document-walks.test.ts; this is the same documents end to end.
 */
describe.each(['enforce', 'allow'] as const)('hostile documents at a gateway with trusted documents in %s mode', (mode) => {
  let standIn: SubgraphStandIn;
  let gateway: LoneGateway;
  beforeAll(async () => {
    standIn = await startSubgraphStandIn();
    standIn.release();
    gateway = await startLoneGateway(standIn.url, { TRUSTED_DOCUMENTS: mode });
  });
  afterAll(async () => {
    await gateway?.stop();
    await standIn?.stop();
  });

  it.each(hostileDocuments().map((hostile) => [hostile.name, hostile.query] as const))(
    'when %s arrives, then it is answered and /health answers right after',
    async (_name, query) => {
      const response = await createStorefront(gateway.url).request(query);
      expect([200, 400]).toContain(response.status);
      expect(response.body.data != null || (response.body.errors?.length ?? 0) > 0).toBe(true);
      // Validation (Apollo's, before any walk of ours) may refuse it first; nothing else may run it.
      if (mode === 'enforce') expect(['TRUSTED_DOCUMENT_REQUIRED', 'GRAPHQL_VALIDATION_FAILED']).toContain(response.body.errors?.[0]?.extensions?.['code']);
      const health = await fetch(new URL('/health', gateway.url), { signal: AbortSignal.timeout(10_000) });
      expect(health.status).toBe(200);
    },
  );
});
