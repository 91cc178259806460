import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { print, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../tools/compose/subgraph-list.js';
import {
  buildManifest,
  CONFIG_PATH,
  checkManifest,
  collectOperations,
  knownHintCodes,
  loadConfig,
  printManifest,
  readOperationFiles,
  sha256,
} from '../../tools/schema-check/index.js';
import { checkCase, fixtureOperationFiles, outcomeOf } from './fixture-check.js';

describe('persisted-operations manifest', () => {
  const { operations } = collectOperations(fixtureOperationFiles());
  const manifest = buildManifest(operations);

  it('when built, then each entry is the operation plus its fragments, sorted, printed, and hashed with sha256', () => {
    const list = manifest.operations.find((operation) => operation.name === 'ProductList');
    const expectedBody = print(
      parse(`
        query ProductList($first: Int!) { products(first: $first, sort: TITLE) { ...ProductCard } }
        fragment ProductCard on Product { id title reviews { ...ReviewLine } }
        fragment ReviewLine on Review { rating }
      `),
    );
    expect(list).toEqual({ id: sha256(expectedBody), name: 'ProductList', type: 'query', body: expectedBody });
    expect(manifest.operations.map((operation) => operation.name)).toEqual(['ProductList', 'RenameProduct']);
    expect(manifest.operations[1]?.body).not.toContain('fragment');
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('when the committed manifest is stale, then the check fails naming the fix command', () => {
    const stale = printManifest({ ...manifest, operations: manifest.operations.slice(1) });
    const outcome = outcomeOf(checkCase(undefined, { committedManifest: stale }), 'manifest');
    expect(outcome.status).toBe('failed');
    expect(outcome.findings.map((finding) => [finding.code, finding.fix])).toEqual([
      ['MANIFEST_STALE', 'run `npm run operations:manifest` and commit fixtures/operations/manifest.json'],
    ]);
    expect(checkManifest(undefined, operations, 'm.json').findings[0]?.code).toBe('MANIFEST_MISSING');
  });

  it("when compared with the repository's client operations, then the committed manifest is fresh (run `npm run operations:manifest` if not)", () => {
    const config = loadConfig(join(REPO_ROOT, CONFIG_PATH), knownHintCodes());
    const collected = collectOperations(readOperationFiles(REPO_ROOT, config.operationsDir));
    expect(collected.findings).toEqual([]);
    const committed = readFileSync(join(REPO_ROOT, config.manifestPath), 'utf8');
    expect(checkManifest(committed, collected.operations, config.manifestPath).findings).toEqual([]);
  });
});
