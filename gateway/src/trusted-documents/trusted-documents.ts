import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** How the gateway treats operations outside the manifest. */
export const TRUSTED_DOCUMENT_MODES = ['enforce', 'allow'] as const;
export type TrustedDocumentMode = (typeof TRUSTED_DOCUMENT_MODES)[number];

/** The documents the reference clients ship, by id (the sha256, hex, of the normal form). */
export interface TrustedDocuments {
  /** The document's text, for a request that sends `documentId` instead of `query`. */
  byId(id: string): string | undefined;
  has(id: string): boolean;
  readonly size: number;
}

const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(z.object({ id: z.string().regex(/^[0-9a-f]{64}$/), name: z.string(), body: z.string().min(1) })),
});

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Loads clients/operations/manifest.json (`npm run operations:manifest` writes it). Every
 * id must be the hash of its body: a hand-edited entry would otherwise trust a document
 * nobody reviewed under the id of one somebody did.
 */
export function loadTrustedDocuments(path: string): TrustedDocuments {
  let manifest: z.infer<typeof manifestSchema>;
  try {
    manifest = manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    throw new Error(`cannot read the trusted-documents manifest at ${path} (run \`npm run operations:manifest\`): ${(error as Error).message}`, {
      cause: error,
    });
  }
  const documents = new Map<string, string>();
  for (const operation of manifest.operations) {
    if (sha256Hex(operation.body) !== operation.id) {
      throw new Error(`the trusted-documents manifest at ${path} lists ${operation.name} under an id that is not its body's sha256`);
    }
    documents.set(operation.id, operation.body);
  }
  return { byId: (id) => documents.get(id), has: (id) => documents.has(id), size: documents.size };
}
