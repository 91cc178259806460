import manifest from '../../../clients/operations/manifest.json';
import type { OperationTypes } from './generated/operations.js';

/**
 * The storefront sends only the persisted operations of clients/operations/ (the contract),
 * bundled from the manifest at build time: each body exactly as `npm run operations:manifest`
 * normalised it, fragments included. The names are those of the generated operation types
 * (`npm run codegen`), built from the same files as the manifest and, like it, checked fresh by
 * a test; so a name that is not in the manifest fails the build's typecheck, and the storefront
 * cannot invent an operation.
 */
export type OperationName = keyof OperationTypes;

const bodies = new Map<string, string>(manifest.operations.map((operation) => [operation.name, operation.body]));

export function operationBody(name: OperationName): string {
  const body = bodies.get(name);
  if (body === undefined) throw new Error(`no operation ${name} in clients/operations/manifest.json`);
  return body;
}
