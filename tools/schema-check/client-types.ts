import type { CheckOutcome } from './findings.js';
import { checkGeneratedFiles, withCommitted, type GeneratedFile } from './generated-files.js';

/** The storefront's generated operation types: the committed file and what the codegen config generates now. */
export type ClientTypes = GeneratedFile;

/** The storefront must typecheck against the answers the API gives now. */
export function checkClientTypes(types: ClientTypes): CheckOutcome {
  return checkGeneratedFiles('client-types', [types], 'storefront/codegen.config.ts generates from the supergraph and the client operations');
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
  return withCommitted(root, [output])[0]!;
}
