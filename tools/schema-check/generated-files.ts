import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outcomeOf, type CheckOutcome } from './findings.js';

export const CODEGEN_FIX = 'npm run codegen';

/** A committed generated file and what its codegen config generates now. */
export interface GeneratedFile {
  readonly path: string;
  /** Undefined when the file is missing. */
  readonly committed: string | undefined;
  readonly generated: string;
}

/**
 * Each committed file must be byte-equal to a generation from the committed inputs: otherwise
 * code typechecks against a schema or answers the API no longer has. One finding per file.
 */
export function checkGeneratedFiles(check: 'client-types' | 'resolver-types', files: readonly GeneratedFile[], generatedFrom: string): CheckOutcome {
  const code = check.toUpperCase().replace('-', '_');
  return outcomeOf(
    check,
    files.flatMap(({ path, committed, generated }) => {
      const fix = `run \`${CODEGEN_FIX}\` and commit ${path}`;
      if (committed === undefined) return [{ check, severity: 'error' as const, code: `${code}_MISSING`, message: `${path} does not exist`, fix }];
      if (committed !== generated) return [{ check, severity: 'error' as const, code: `${code}_STALE`, message: `${path} differs from what ${generatedFrom}`, fix }];
      return [];
    }),
  );
}

/** Pairs each generated output with the committed file at its path under `root`. */
export function withCommitted(root: string, outputs: readonly { filename: string; content: string }[]): GeneratedFile[] {
  return outputs.map(({ filename, content }) => {
    const path = join(root, filename);
    return { path: filename, committed: existsSync(path) ? readFileSync(path, 'utf8') : undefined, generated: content };
  });
}
