import { describe, expect, it } from 'vitest';
import { checkComposition } from '../../tools/schema-check/index.js';
import { checkCase, fixtureSubgraphs, messages, outcomeOf } from './fixture-check.js';

describe('composition', () => {
  it('when two subgraphs define the same field with different types, then it fails naming both subgraphs and the type', () => {
    const report = checkCase('composition-conflict');
    expect(report.ok).toBe(false);
    const composition = outcomeOf(report, 'composition');
    expect(composition.status).toBe('failed');
    const mismatch = composition.findings.find((finding) => finding.code === 'FIELD_TYPE_MISMATCH');
    expect(mismatch?.coordinate).toBe('Product.title');
    expect(mismatch?.message).toMatch(/subgraphs: catalog, reviews/);
    expect(mismatch?.message).toMatch(/"String!" in subgraph "catalog" but type "Int!" in subgraph "reviews"/);
    // Nothing downstream can be checked without a supergraph; the report says so instead of passing.
    expect(outcomeOf(report, 'lint').status).toBe('skipped');
    expect(outcomeOf(report, 'freshness').status).toBe('skipped');
  });

  it('when a hint code is listed in failOnHints, then that hint fails the check; unlisted it is only reported', () => {
    const subgraphs = fixtureSubgraphs().map((subgraph) =>
      subgraph.name === 'reviews' ? { ...subgraph, sdl: subgraph.sdl.replace('"Something to buy."', '"A product with reviews."') } : subgraph,
    );
    const reported = checkComposition(subgraphs, []);
    expect(reported.outcome.status).toBe('passed');
    expect(messages(reported.outcome, 'warning')).toEqual([expect.stringMatching(/^hint INCONSISTENT_DESCRIPTION \(subgraphs: catalog, reviews\)/)]);

    const failing = checkComposition(subgraphs, ['INCONSISTENT_DESCRIPTION']);
    expect(failing.outcome.status).toBe('failed');
    expect(messages(failing.outcome, 'error')).toEqual([expect.stringContaining('[listed in failOnHints]')]);
  });

  it('when a subgraph SDL does not parse, then it fails naming that subgraph', () => {
    const subgraphs = fixtureSubgraphs().map((subgraph) => (subgraph.name === 'reviews' ? { ...subgraph, sdl: 'type {' } : subgraph));
    const step = checkComposition(subgraphs, []);
    expect(step.supergraphSdl).toBeUndefined();
    expect(messages(step.outcome, 'error')).toEqual([expect.stringMatching(/^error INVALID_GRAPHQL \(subgraphs: reviews\): \[reviews\] Syntax Error/)]);
  });
});
