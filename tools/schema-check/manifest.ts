import { createHash } from 'node:crypto';
import { outcomeOf, type CheckOutcome } from './findings.js';
import type { ClientOperation } from './operations.js';

/** One persisted operation; `id` is the sha256 (hex) of `body`, the normalised document. */
export interface PersistedOperation {
  readonly id: string;
  readonly name: string;
  readonly type: ClientOperation['type'];
  readonly body: string;
}

/**
 * Apollo's persisted-query manifest format, so the gateway (or a router) can load it as is:
 * a client sends `id`, the server runs `body`, and in production refuses anything not listed.
 */
export interface PersistedOperationManifest {
  readonly format: 'apollo-persisted-query-manifest';
  readonly version: 1;
  readonly operations: readonly PersistedOperation[];
}

export const MANIFEST_FIX = 'npm run operations:manifest';

/**
 * Builds the manifest. "Normalised" means: the operation followed by every fragment it uses
 * (transitively), fragments sorted by name, printed by graphql-js `print` (comments and
 * formatting dropped). Operations are sorted by name, so the file only changes with them.
 */
export function buildManifest(operations: readonly ClientOperation[]): PersistedOperationManifest {
  return {
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: [...operations]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(({ name, type, body }) => ({ id: sha256(body), name, type, body })),
  };
}

export function printManifest(manifest: PersistedOperationManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The committed manifest must equal the generated one, or persisted clients would be refused. */
export function checkManifest(committedText: string | undefined, operations: readonly ClientOperation[], path: string): CheckOutcome {
  const expected = printManifest(buildManifest(operations));
  const note = `${operations.length} operations in ${path}`;
  if (committedText === expected) return outcomeOf('manifest', [], note);
  return outcomeOf(
    'manifest',
    [
      {
        check: 'manifest',
        severity: 'error',
        code: committedText === undefined ? 'MANIFEST_MISSING' : 'MANIFEST_STALE',
        message: committedText === undefined ? `${path} does not exist` : `${path} does not match the operations in its folder`,
        fix: `run \`${MANIFEST_FIX}\` and commit ${path}`,
      },
    ],
    note,
  );
}
