import type { CheckOutcome } from './findings.js';
import { checkGeneratedFiles, withCommitted, type GeneratedFile } from './generated-files.js';

/** Every subgraph's resolvers must typecheck against its schema as it is now. */
export function checkResolverTypes(files: readonly GeneratedFile[]): CheckOutcome {
  return checkGeneratedFiles('resolver-types', files, "tools/codegen/resolver-types.config.ts generates from the subgraph's schema.graphql");
}

/**
 * Runs the subgraphs' resolver-types config in memory (nothing is written) and reads each
 * committed file beside it. `schemaOf` replaces a subgraph's schema, for tests that change one.
 */
export async function generateResolverTypes(root: string, schemaOf: Record<string, string> = {}): Promise<GeneratedFile[]> {
  // Loaded here, not at the top: only this check needs codegen and its plugins.
  const [{ generate }, { codegenConfig, resolverTypesFile }] = await Promise.all([import('@graphql-codegen/cli'), import('../codegen/resolver-types.config.js')]);
  const generates = Object.fromEntries(
    Object.entries(codegenConfig.generates).map(([file, output]) => {
      const subgraph = Object.keys(schemaOf).find((name) => resolverTypesFile(name) === file);
      return [file, subgraph ? { ...(output as object), schema: schemaOf[subgraph] } : output];
    }),
  );
  // Typed `any` by codegen for its watch mode; without watching it answers the files it would write.
  const outputs = (await generate({ ...codegenConfig, generates }, false)) as { filename: string; content: string }[];
  return withCommitted(root, outputs);
}
