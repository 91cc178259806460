import { SERVICES, type ServiceName, type Subgraph } from './services.js';

/**
 * The subgraphs each service calls, by the config variable that holds the URL (each
 * config.ts names it). The environment gets these URLs, and the security groups admit
 * exactly these callers: a subgraph is reachable from the gateway and from the services
 * listed here as calling it, never from the internet. Add a call here and both follow.
 */
export const SERVICE_CALLS: Record<ServiceName, Readonly<Record<string, Subgraph>>> = {
  gateway: {
    SUBGRAPH_URL_CATALOG: 'catalog',
    SUBGRAPH_URL_CART: 'cart',
    SUBGRAPH_URL_CHECKOUT: 'checkout',
    SUBGRAPH_URL_IDENTITY: 'identity',
  },
  // Stock flags for catalog's search index.
  catalog: { CHECKOUT_URL: 'checkout' },
  // Variant existence and prices; the stock of a variant being added.
  cart: { CATALOG_URL: 'catalog', CHECKOUT_URL: 'checkout' },
  checkout: {},
  identity: {},
};

/** The services allowed to open connections to `subgraph`. */
export function callersOf(subgraph: Subgraph): ServiceName[] {
  return SERVICES.filter((service) => Object.values(SERVICE_CALLS[service]).includes(subgraph));
}
