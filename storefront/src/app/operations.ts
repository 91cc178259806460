import manifest from '../../../clients/operations/manifest.json';

/**
 * The storefront sends only the persisted operations of clients/operations/ (the contract),
 * bundled from the manifest at build time: each body exactly as `npm run operations:manifest`
 * normalised it, fragments included. A name that is not in the manifest fails the build's
 * typecheck, so the storefront cannot invent an operation.
 */
export type OperationName = (typeof manifest.operations)[number]['name'];

const bodies = new Map<string, string>(manifest.operations.map((operation) => [operation.name, operation.body]));

export function operationBody(name: OperationName): string {
  const body = bodies.get(name);
  if (body === undefined) throw new Error(`no operation ${name} in clients/operations/manifest.json`);
  return body;
}
