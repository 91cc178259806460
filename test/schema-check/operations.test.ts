import { describe, expect, it } from 'vitest';
import { collectOperations } from '../../tools/schema-check/index.js';

describe('collecting client operations', () => {
  it('when files share fragments, then each operation carries only the fragments it uses, transitively', () => {
    const { operations, findings } = collectOperations([
      { path: 'a.graphql', source: 'query A { ...F }  fragment F on Query { ...G }  fragment G on Query { x }  fragment H on Query { y }' },
      { path: 'b.graphql', source: 'query B { ...H }' },
    ]);
    expect(findings).toEqual([]);
    expect(operations.map((operation) => [operation.name, operation.file, operation.document.definitions.length])).toEqual([
      ['A', 'a.graphql', 3],
      ['B', 'b.graphql', 2],
    ]);
  });

  it('when an operation is anonymous, duplicated, or a file does not parse, then each is reported with its file', () => {
    const { findings } = collectOperations([
      { path: 'a.graphql', source: '{ x }  query A { x }' },
      { path: 'b.graphql', source: 'query A { y }' },
      { path: 'c.graphql', source: 'query {' },
    ]);
    expect(findings.map((finding) => finding.message)).toEqual([
      'a.graphql: an anonymous query; client operations need a name',
      'b.graphql: operation A is also defined in a.graphql',
      expect.stringMatching(/^c\.graphql: Syntax Error/),
    ]);
  });
});
