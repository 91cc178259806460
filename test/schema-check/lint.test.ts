import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkLint, DEFAULT_CONFIG, lintSchema } from '../../tools/schema-check/index.js';
import { checkCase, outcomeOf } from './fixture-check.js';

const exceptionsNone = DEFAULT_CONFIG.lintExceptions;

describe('schema lint', () => {
  it('when a type has no description, then the lint fails with its coordinate', () => {
    const report = checkCase('type-without-description');
    expect(report.ok).toBe(false);
    const outcome = outcomeOf(report, 'lint');
    expect(outcome.findings.map((finding) => [finding.severity, finding.code, finding.coordinate])).toEqual([['error', 'description', 'Review']]);
  });

  it('when elements break the rules, then each is named by its coordinate and rule', () => {
    const schema = buildSchema(`
      "Q." type Query {
        "F." products("A." first: Int, after: String): [product]
        "F." Bad_Field: Int
        "F." old: Int @deprecated
      }
      "M." type Mutation { "F." doIt: Int  "F." ok: OkPayload }
      "P." type product { "F." id: ID }
      "E." enum Sort { "V." byTitle "V." PRICE_ASC }
      "I." input Filter { query: String }
      "O." type OkPayload { "F." errors: [String] }
      "U." type Unused { "F." sort: Sort "F." f(filter: Filter): Int }
    `);
    expect(lintSchema(schema).map((violation) => `${violation.rule} ${violation.coordinate}`).sort()).toEqual(
      [
        'description Query.products(after:)',
        'naming product',
        'naming Query.Bad_Field',
        'deprecation-reason Query.old',
        'mutation-errors Mutation.doIt',
        'naming Sort.byTitle',
        'description Filter.query',
        'description Unused.f(filter:)',
      ].sort(),
    );
  });

  it('when a violation is listed in lintExceptions, then it passes, and a listed coordinate that passes warns', () => {
    const schema = buildSchema(`type Query { "F." a: Int }`);
    expect(checkLint(schema, exceptionsNone).status).toBe('failed');
    const outcome = checkLint(schema, { ...exceptionsNone, description: ['Query', 'Query.a'] });
    expect(outcome.status).toBe('passed');
    expect(outcome.findings.map((finding) => [finding.severity, finding.coordinate])).toEqual([
      ['info', 'Query'],
      ['warning', 'Query.a'],
    ]);
  });

  it('when the schema has introspection and built-in scalars, then they are not linted', () => {
    const schema = buildSchema(`"Q." type Query { "F." a("A." id: ID, "A." s: String): Boolean }`);
    expect(lintSchema(schema)).toEqual([]);
  });
});
