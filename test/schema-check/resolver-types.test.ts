import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../tools/compose/subgraph-list.js';
import { resolverTypesFile } from '../../tools/codegen/resolver-types.config.js';
import { checkResolverTypes, generateResolverTypes } from '../../tools/schema-check/index.js';

const SUBGRAPHS = ['cart', 'catalog', 'checkout', 'identity'];
const fixFor = (subgraph: string) => `run \`npm run codegen\` and commit ${resolverTypesFile(subgraph)}`;

describe("schema:check's freshness of the subgraphs' generated resolver types", () => {
  it('when compared with a generation from each committed schema.graphql, then every committed file is fresh (run `npm run codegen` if not)', async () => {
    const files = await generateResolverTypes(REPO_ROOT);
    expect(files.map(({ path }) => path).sort()).toEqual(SUBGRAPHS.map(resolverTypesFile));
    for (const { path, committed } of files) expect(committed).toBe(readFileSync(join(REPO_ROOT, path), 'utf8'));
    expect(checkResolverTypes(files)).toEqual({ check: 'resolver-types', status: 'passed', findings: [] });
  });

  it("when a subgraph's schema changed but its generated file did not, then it fails for that subgraph alone, naming the fix command", async () => {
    // Cart.version becomes nullable: cart's resolver types change, the file on disk does not.
    const schema = readFileSync(join(REPO_ROOT, 'subgraphs/cart/schema.graphql'), 'utf8');
    const changed = schema.replace('  version: Int!\n', '  version: Int\n');
    expect(changed).not.toBe(schema);
    const outcome = checkResolverTypes(await generateResolverTypes(REPO_ROOT, { cart: changed }));
    expect(outcome.status).toBe('failed');
    expect(outcome.findings.map(({ code, fix }) => ({ code, fix }))).toEqual([{ code: 'RESOLVER_TYPES_STALE', fix: fixFor('cart') }]);
  });

  it('when a generated file is missing, then it fails naming the file and the fix command', () => {
    const path = resolverTypesFile('identity');
    const outcome = checkResolverTypes([{ path, committed: undefined, generated: '' }]);
    expect(outcome.status).toBe('failed');
    expect(outcome.findings).toEqual([expect.objectContaining({ code: 'RESOLVER_TYPES_MISSING', message: `${path} does not exist`, fix: fixFor('identity') })]);
  });
});
