/** The subgraphs, each one deployable service with its own tables. */
export const SUBGRAPH_NAMES = ['catalog', 'cart', 'checkout', 'identity'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];
export type ServiceName = 'gateway' | SubgraphName;

/**
 * One call to a subgraph: which subgraph, and the path its caller's config expects on the
 * subgraph's origin: `/graphql` for the gateway's subgraph endpoints, `''` for the base URL
 * every service's peer variable takes (each client adds the path it calls).
 */
export interface SubgraphCall {
  subgraph: SubgraphName;
  path: '/graphql' | '';
}
const graphql = (subgraph: SubgraphName): SubgraphCall => ({ subgraph, path: '/graphql' });
const baseUrl = (subgraph: SubgraphName): SubgraphCall => ({ subgraph, path: '' });

/**
 * The subgraphs each service calls, by the config variable that holds the URL (each config.ts
 * names it). Written once, as the tables are: the CDK app sets these variables and admits
 * exactly these callers in its security groups, and every local stack (npm start, the tests,
 * the topology, the benchmarks) wires its services from it. Add a call here and all follow.
 */
export const SERVICE_CALLS: Readonly<Record<ServiceName, Readonly<Record<string, SubgraphCall>>>> = {
  gateway: {
    SUBGRAPH_URL_CATALOG: graphql('catalog'),
    SUBGRAPH_URL_CART: graphql('cart'),
    SUBGRAPH_URL_CHECKOUT: graphql('checkout'),
    SUBGRAPH_URL_IDENTITY: graphql('identity'),
  },
  // Stock flags for catalog's search index (its /internal/stock routes, on the same host).
  catalog: { CHECKOUT_URL: baseUrl('checkout') },
  // Variant existence and prices; the stock of a variant being added.
  cart: { CATALOG_URL: baseUrl('catalog'), CHECKOUT_URL: baseUrl('checkout') },
  // Reading and closing the shopper's cart (cart's /internal/checkout/*); current prices; a
  // customer's saved address (identity's /internal/checkout/saved-address).
  checkout: { CART_URL: baseUrl('cart'), CATALOG_URL: baseUrl('catalog'), IDENTITY_URL: baseUrl('identity') },
  // The guest's cart and orders handed to the customer at sign-in (cart's and checkout's /internal/identity/*).
  identity: { CART_URL: baseUrl('cart'), CHECKOUT_URL: baseUrl('checkout') },
};

/**
 * The URL variables of `service`, given each subgraph's origin (`http://host:port`, no path).
 * A subgraph whose origin is not known yet is left out (a stack that starts services one after
 * another fills it in later).
 */
export function serviceCallEnvironment(service: ServiceName, originOf: (subgraph: SubgraphName) => string | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(SERVICE_CALLS[service]).flatMap(([variable, { subgraph, path }]) => {
      const origin = originOf(subgraph);
      return origin === undefined ? [] : [[variable, `${origin}${path}`]];
    }),
  );
}
