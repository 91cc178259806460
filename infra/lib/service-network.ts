import { SERVICES, type ServiceName, type Subgraph } from './services.js';

/**
 * One call to a subgraph: which subgraph, and the path its caller's config expects on the
 * subgraph's origin: `/graphql` for the gateway's subgraph endpoints, `''` for the base URL
 * every service's peer variable takes (each client adds the path it calls).
 */
export interface SubgraphCall {
  subgraph: Subgraph;
  path: '/graphql' | '';
}
const graphql = (subgraph: Subgraph): SubgraphCall => ({ subgraph, path: '/graphql' });
const baseUrl = (subgraph: Subgraph): SubgraphCall => ({ subgraph, path: '' });

/**
 * The subgraphs each service calls, by the config variable that holds the URL (each
 * config.ts names it). The environment gets these URLs, and the security groups admit
 * exactly these callers: a subgraph is reachable from the gateway and from the services
 * listed here as calling it, never from the internet. Add a call here and both follow.
 */
export const SERVICE_CALLS: Record<ServiceName, Readonly<Record<string, SubgraphCall>>> = {
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

/** The services allowed to open connections to `subgraph`. */
export function callersOf(subgraph: Subgraph): ServiceName[] {
  return SERVICES.filter((service) => Object.values(SERVICE_CALLS[service]).some((call) => call.subgraph === subgraph));
}
