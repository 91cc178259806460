import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outcomeOf, type CheckOutcome } from './findings.js';

export const CODEGEN_FIX = 'npm run codegen';

/** The storefront's generated operation types: the committed file and what the codegen config generates now. */
export interface ClientTypes {
  readonly path: string;
  /** Undefined when the file is missing. */
  readonly committed: string | undefined;
  readonly generated: string;
}

/**
 * The committed operation types must be byte-equal to a generation from the committed
 * supergraph and client operations: otherwise the storefront typechecks against answers the API
 * no longer gives.
 */
export function checkClientTypes({ path, committed, generated }: ClientTypes): CheckOutcome {
  const fix = `run \`${CODEGEN_FIX}\` and commit ${path}`;
  if (committed === undefined) {
    return outcomeOf('client-types', [{ check: 'client-types', severity: 'error', code: 'CLIENT_TYPES_MISSING', message: `${path} does not exist`, fix }]);
  }
  if (committed !== generated) {
    return outcomeOf('client-types', [
      {
        check: 'client-types',
        severity: 'error',
        code: 'CLIENT_TYPES_STALE',
        message: `${path} differs from what storefront/codegen.config.ts generates from the supergraph and the client operations`,
        fix,
      },
    ]);
  }
  return outcomeOf('client-types', []);
}

/**
 * Runs the storefront's codegen config in memory (nothing is written) and reads the committed
 * file beside it. `overrides` replace parts of the config, for tests that change an input.
 */
export async function generateClientTypes(root: string, overrides: Record<string, unknown> = {}): Promise<ClientTypes> {
  // Loaded here, not at the top: only this check needs codegen and its plugins.
  const [{ generate }, { codegenConfig, GENERATED_FILE }] = await Promise.all([import('@graphql-codegen/cli'), import('../../storefront/codegen.config.js')]);
  // Typed `any` by codegen for its watch mode; without watching it answers the files it would write.
  const outputs = (await generate({ ...codegenConfig, ...overrides }, false)) as { filename: string; content: string }[];
  const output = outputs.find((candidate) => candidate.filename === GENERATED_FILE);
  if (!output || outputs.length !== 1) throw new Error(`storefront/codegen.config.ts generated ${outputs.map((candidate) => candidate.filename).join(', ') || 'nothing'}, not only ${GENERATED_FILE}`);
  const path = join(root, GENERATED_FILE);
  return { path: GENERATED_FILE, committed: existsSync(path) ? readFileSync(path, 'utf8') : undefined, generated: output.content };
}
