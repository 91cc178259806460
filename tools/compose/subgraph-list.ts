import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Every subgraph of the supergraph, with the URL the committed supergraph names. The gateway
 * overrides these per deployment (SUBGRAPH_URL_<NAME>); the supergraph stays the same file.
 */
export const SUBGRAPHS = [
  { name: 'catalog', schemaPath: 'subgraphs/catalog/schema.graphql', url: 'http://127.0.0.1:4001/graphql' },
  { name: 'cart', schemaPath: 'subgraphs/cart/schema.graphql', url: 'http://127.0.0.1:4002/graphql' },
  { name: 'checkout', schemaPath: 'subgraphs/checkout/schema.graphql', url: 'http://127.0.0.1:4003/graphql' },
  { name: 'identity', schemaPath: 'subgraphs/identity/schema.graphql', url: 'http://127.0.0.1:4004/graphql' },
] as const;

export const SUPERGRAPH_PATH = 'supergraph.graphql';
