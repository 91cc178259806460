import { printSchema, Supergraph } from '@apollo/federation-internals';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../tools/compose/compose-supergraph.js';
import { REPO_ROOT, SUPERGRAPH_PATH } from '../../tools/compose/subgraph-list.js';

/**
 * The client-facing schema of a supergraph, rebuilt from its SDL so that it belongs to the
 * same graphql module instance as `validate` (federation-internals may load another copy).
 */
function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return buildSchema(printSchema(Supergraph.build(supergraphSdl).apiSchema()));
}

describe('the committed supergraph', () => {
  const committed = readFileSync(join(REPO_ROOT, SUPERGRAPH_PATH), 'utf8');

  it('when the subgraphs are composed, then composition succeeds without hints', () => {
    const result = composeSupergraph();
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok && result.hints).toEqual([]);
  });

  it('when compared with a fresh composition, then it is identical (run `npm run compose` if not)', () => {
    const result = composeSupergraph();
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(committed === result.supergraphSdl, 'supergraph.graphql is stale: run `npm run compose` and commit it').toBe(true);
  });

  it('when every client operation is validated against its API schema, then none fails', () => {
    const apiSchema = apiSchemaOf(committed);
    const folder = join(REPO_ROOT, 'clients/operations');
    const files = readdirSync(folder).filter((file) => file.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const document = parse(readFileSync(join(folder, file), 'utf8'));
      // The contract copy holds every operation; other files (the storefront's) a few.
      expect(document.definitions.length).toBeGreaterThan(file === 'operations.graphql' ? 20 : 0);
      const errors = validate(apiSchema, document).map((error) => `${file}: ${error.message}`);
      expect(errors).toEqual([]);
    }
  });

  it('when a subgraph names a field the contract needs, then removing it is caught by validation', () => {
    // Guards the guard: a schema missing Cart.version must fail the contract's Cart operation.
    const withoutCartVersion = committed.replace(/\n {2}"""\n {2}Raised by every change[^\n]*\n {2}"""\n {2}version: Int!\n/, '\n');
    expect(withoutCartVersion).not.toBe(committed);
    const apiSchema = apiSchemaOf(withoutCartVersion);
    const contract = parse(readFileSync(join(REPO_ROOT, 'clients/operations/operations.graphql'), 'utf8'));
    expect(validate(apiSchema, contract).map((error) => error.message).join('\n')).toMatch(/version/);
  });
});
