import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, type CodegenConfig } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { codegenConfig, GENERATED_FILE } from '../../storefront/codegen.config.js';
import { REPO_ROOT, SUPERGRAPH_PATH } from '../../tools/compose/subgraph-list.js';

const FIX = `run \`npm run codegen\` and commit ${GENERATED_FILE}`;

/**
 * The committed operation types must be byte-equal to what the codegen config generates now from
 * supergraph.graphql and clients/operations/*.graphql: otherwise the storefront typechecks against
 * answers the API no longer gives. Undefined when fresh, else what is wrong and the fix.
 */
function staleness(committed: string | undefined, generated: string): string | undefined {
  if (committed === undefined) return `${GENERATED_FILE} does not exist: ${FIX}`;
  if (committed !== generated) return `${GENERATED_FILE} differs from what storefront/codegen.config.ts generates from the supergraph and the client operations: ${FIX}`;
  return undefined;
}

async function generated(overrides: Partial<CodegenConfig> = {}): Promise<string> {
  // Typed `any` by codegen for its watch mode; without watching it answers the files it would write.
  const outputs = (await generate({ ...codegenConfig, ...overrides }, false)) as { filename: string; content: string }[];
  expect(outputs.map((output) => output.filename)).toEqual([GENERATED_FILE]);
  return outputs[0]?.content ?? '';
}

function committed(): string | undefined {
  const path = join(REPO_ROOT, GENERATED_FILE);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

describe("freshness of the storefront's generated operation types", () => {
  it('when compared with a generation from the committed supergraph and client operations, then the committed file is fresh (run `npm run codegen` if not)', async () => {
    expect(staleness(committed(), await generated())).toBeUndefined();
  });

  it('when a client operation changed but the generated file did not, then it fails naming the fix command', async () => {
    const documents = ['clients/operations/*.graphql', 'query FreshnessProbe { cart { id } }'];
    expect(staleness(committed(), await generated({ documents }))).toBe(
      `${GENERATED_FILE} differs from what storefront/codegen.config.ts generates from the supergraph and the client operations: ${FIX}`,
    );
  });

  it('when the supergraph changed but the generated file did not, then it fails naming the fix command', async () => {
    // Cart.expiresAt becomes nullable: CartExpiry's answer type changes, the file on disk does not.
    const supergraph = readFileSync(join(REPO_ROOT, SUPERGRAPH_PATH), 'utf8');
    const changed = supergraph.replace('  expiresAt: DateTime!\n', '  expiresAt: DateTime\n');
    expect(changed).not.toBe(supergraph);
    expect(staleness(committed(), await generated({ schema: changed }))).toMatch(/: run `npm run codegen` and commit storefront\/src\/app\/generated\/operations\.ts$/);
  });

  it('when the generated file is missing, then it fails naming the fix command', () => {
    expect(staleness(undefined, '')).toBe(`${GENERATED_FILE} does not exist: ${FIX}`);
  });
});
