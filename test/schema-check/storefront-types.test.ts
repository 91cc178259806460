import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_FILE } from '../../storefront/codegen.config.js';
import { REPO_ROOT, SUPERGRAPH_PATH } from '../../tools/compose/subgraph-list.js';
import { checkClientTypes, generateClientTypes } from '../../tools/schema-check/index.js';

const FIX = `run \`npm run codegen\` and commit ${GENERATED_FILE}`;

/** What schema:check's client-types check finds: nothing when fresh, else the code and the fix. */
const findingsOf = async (overrides: Record<string, unknown> = {}) => checkClientTypes(await generateClientTypes(REPO_ROOT, overrides)).findings.map(({ code, fix }) => ({ code, fix }));

describe("schema:check's freshness of the storefront's generated operation types", () => {
  it('when compared with a generation from the committed supergraph and client operations, then the committed file is fresh (run `npm run codegen` if not)', async () => {
    const types = await generateClientTypes(REPO_ROOT);
    expect(types.committed).toBe(readFileSync(join(REPO_ROOT, GENERATED_FILE), 'utf8'));
    expect(checkClientTypes(types)).toEqual({ check: 'client-types', status: 'passed', findings: [] });
  });

  it('when a client operation changed but the generated file did not, then it fails naming the fix command', async () => {
    const documents = ['clients/operations/*.graphql', 'query FreshnessProbe { cart { id } }'];
    expect(await findingsOf({ documents })).toEqual([{ code: 'CLIENT_TYPES_STALE', fix: FIX }]);
  });

  it('when the supergraph changed but the generated file did not, then it fails naming the fix command', async () => {
    // Cart.expiresAt becomes nullable: CartExpiry's answer type changes, the file on disk does not.
    const supergraph = readFileSync(join(REPO_ROOT, SUPERGRAPH_PATH), 'utf8');
    const changed = supergraph.replace('  expiresAt: DateTime!\n', '  expiresAt: DateTime\n');
    expect(changed).not.toBe(supergraph);
    expect(await findingsOf({ schema: changed })).toEqual([{ code: 'CLIENT_TYPES_STALE', fix: FIX }]);
  });

  it('when the generated file is missing, then it fails naming the fix command', () => {
    const outcome = checkClientTypes({ path: GENERATED_FILE, committed: undefined, generated: '' });
    expect(outcome.status).toBe('failed');
    expect(outcome.findings).toEqual([expect.objectContaining({ code: 'CLIENT_TYPES_MISSING', message: `${GENERATED_FILE} does not exist`, fix: FIX })]);
  });
});
