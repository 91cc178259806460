import { describe, expect, it } from 'vitest';
import { checkCase, composedSdl, fixtureSubgraphs, outcomeOf } from './fixture-check.js';

describe('freshness of the committed supergraph', () => {
  it('when the subgraphs changed but supergraph.graphql did not, then it fails naming the fix command', () => {
    const stale = composedSdl(fixtureSubgraphs());
    const outcome = outcomeOf(checkCase('add-optional-argument', { committedSupergraph: stale }), 'freshness');
    expect(outcome.status).toBe('failed');
    expect(outcome.findings.map((finding) => [finding.code, finding.fix])).toEqual([['SUPERGRAPH_STALE', 'run `npm run compose` and commit supergraph.graphql']]);
  });

  it('when supergraph.graphql is missing, then it fails naming the fix command', () => {
    const outcome = outcomeOf(checkCase(undefined, { committedSupergraph: undefined }), 'freshness');
    expect(outcome.findings.map((finding) => [finding.code, finding.fix])).toEqual([['SUPERGRAPH_MISSING', 'run `npm run compose` and commit supergraph.graphql']]);
  });
});
