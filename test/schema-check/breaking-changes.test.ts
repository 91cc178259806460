import { buildSchema, findBreakingChanges, findDangerousChanges } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkBreakingChanges, coordinateOfChange } from '../../tools/schema-check/index.js';
import { checkCase, messages, outcomeOf } from './fixture-check.js';

describe('breaking changes against the baseline (fixture cases)', () => {
  it('when the base is checked against itself, then every check passes', () => {
    const report = checkCase(undefined);
    expect(report.outcomes.filter((outcome) => outcome.status !== 'passed')).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('when a field a client operation uses is removed, then it fails and names the operation', () => {
    const report = checkCase('remove-used-field');
    expect(report.ok).toBe(false);
    const breaking = messages(outcomeOf(report, 'breaking-changes'), 'error');
    expect(breaking).toEqual([expect.stringMatching(/Product\.title was removed.*used by .*ProductList \(fixtures\/operations\/web\.graphql\)/)]);
    const operations = messages(outcomeOf(report, 'operations'), 'error');
    expect(operations).toContainEqual(expect.stringMatching(/^operation ProductList \(fixtures\/operations\/web\.graphql:\d+\): Cannot query field "title" on type "Product"/));
    expect(operations).toContainEqual(expect.stringMatching(/^operation RenameProduct /));
  });

  it('when a field no client uses is removed without a deprecation, then it fails as breaking', () => {
    const outcome = outcomeOf(checkCase('remove-unused-field'), 'breaking-changes');
    expect(outcome.status).toBe('failed');
    expect(outcome.findings.filter((finding) => finding.severity === 'error').map((finding) => [finding.code, finding.coordinate])).toEqual([
      ['FIELD_REMOVED', 'Product.legacyCode'],
    ]);
  });

  it('when a field deprecated with a reason in the baseline is removed, then it passes and says why', () => {
    const report = checkCase('remove-deprecated-field');
    expect(report.ok).toBe(true);
    expect(messages(outcomeOf(report, 'breaking-changes'), 'info')).toContainEqual(
      'breaking but allowed: Product.oldPrice was removed. (deprecated in the baseline: "Use priceCents.")',
    );
  });

  it('when an optional argument is added, then it passes and reports it as dangerous', () => {
    const report = checkCase('add-optional-argument');
    expect(report.ok).toBe(true);
    expect(messages(outcomeOf(report, 'breaking-changes'), 'warning')).toEqual(['dangerous: An optional arg category on Query.products was added.']);
  });

  it('when a nullable argument is made required, then it fails with the argument coordinate', () => {
    const report = checkCase('argument-made-required');
    expect(report.ok).toBe(false);
    const errors = outcomeOf(report, 'breaking-changes').findings.filter((finding) => finding.severity === 'error');
    expect(errors.map((finding) => [finding.code, finding.coordinate])).toEqual([['ARG_CHANGED_KIND', 'Query.products(after:)']]);
  });

  it('when an enum value is added, then it passes and reports it as dangerous', () => {
    const report = checkCase('add-enum-value');
    expect(report.ok).toBe(true);
    const outcome = outcomeOf(report, 'breaking-changes');
    expect(outcome.status).toBe('passed');
    expect(outcome.findings.filter((finding) => finding.severity === 'warning').map((finding) => [finding.code, finding.coordinate])).toEqual([
      ['VALUE_ADDED_TO_ENUM', 'ProductSort.NEWEST'],
    ]);
  });
});

describe('deprecation rules', () => {
  const before = `
    type Query {
      a: Int @deprecated
      b: Int @deprecated(reason: "Use c.")
      c: Int
      old: Old @deprecated(reason: "Use c.")
      list(x: Int @deprecated(reason: "Unused."), y: Int): Int
    }
    type Old { id: ID }
  `;

  it('when a field deprecated without a reason is removed, then it fails: a bare @deprecated tells clients nothing', () => {
    const outcome = checkBreakingChanges(buildSchema(before), buildSchema(before.replace('a: Int @deprecated\n', '')), new Map(), '');
    expect(outcome.status).toBe('failed');
  });

  it('when a deprecated field is removed but a client still uses it, then it fails and names the client', () => {
    const usage = new Map([['Query.b', ['Legacy (web.graphql)']]]);
    const outcome = checkBreakingChanges(buildSchema(before), buildSchema(before.replace('b: Int @deprecated(reason: "Use c.")', '')), usage, '');
    expect(messages(outcome, 'error')).toEqual([expect.stringContaining('used by Legacy (web.graphql)')]);
  });

  it('when a deprecated field goes with the only type it reached, then both removals pass', () => {
    const after = before.replace('old: Old @deprecated(reason: "Use c.")', '').replace('type Old { id: ID }', '');
    const outcome = checkBreakingChanges(buildSchema(before), buildSchema(after), new Map(), '');
    expect(outcome.status).toBe('passed');
    expect(outcome.findings.map((finding) => finding.coordinate)).toEqual(expect.arrayContaining(['Query.old', 'Old']));
  });

  it('when a deprecated argument is removed, then it passes; an undeprecated one fails', () => {
    const withoutX = checkBreakingChanges(buildSchema(before), buildSchema(before.replace('x: Int @deprecated(reason: "Unused."), ', '')), new Map(), '');
    expect(withoutX.status).toBe('passed');
    const withoutY = checkBreakingChanges(buildSchema(before), buildSchema(before.replace(', y: Int', '')), new Map(), '');
    expect(withoutY.findings.map((finding) => [finding.severity, finding.coordinate])).toEqual([['error', 'Query.list(y:)']]);
  });
});

describe('coordinateOfChange', () => {
  it("when graphql-js describes a change, then its sentence maps back to the coordinate (pins graphql 16's wording)", () => {
    const old = buildSchema(`
      type Query { f(a: Int, b: Int): T  g: Int  u: U  e(x: E): Int  i(in: In): Int }
      type T { x: Int }  type S { y: Int }  union U = T | S
      enum E { A B }  input In { p: Int }  type Gone { z: Int }
    `);
    const next = buildSchema(`
      type Query { f(a: Int!, c: Int!, d: Int): T  g: String  u: U  e(x: E): Int  i(in: In): Int }
      type T { x: Int }  type S { y: Int }  union U = T
      enum E { A C }  input In { p: Int  q: Int!  r: Int }
    `);
    const coordinates = [...findBreakingChanges(old, next), ...findDangerousChanges(old, next)].map((change) => `${change.type} ${coordinateOfChange(change)}`);
    expect(coordinates.sort()).toEqual(
      [
        'TYPE_REMOVED Gone',
        'ARG_CHANGED_KIND Query.f(a:)',
        'ARG_REMOVED Query.f(b:)',
        'REQUIRED_ARG_ADDED Query.f(c:)',
        'OPTIONAL_ARG_ADDED Query.f(d:)',
        'FIELD_CHANGED_KIND Query.g',
        'TYPE_REMOVED_FROM_UNION U',
        'VALUE_REMOVED_FROM_ENUM E.B',
        'VALUE_ADDED_TO_ENUM E.C',
        'REQUIRED_INPUT_FIELD_ADDED In.q',
        'OPTIONAL_INPUT_FIELD_ADDED In.r',
      ].sort(),
    );
  });
});
