import { contractOperation } from '../../contract/contract-operation.js';
import type { Workload } from './load.js';

const BROWSE = contractOperation('Browse');
const PRODUCT_PAGE = contractOperation('ProductPage');
const CART = contractOperation('Cart');
/** What a subgraph alone answers of ProductPage: catalog's fields, without checkout's stock. */
const PRODUCT_PAGE_AT_CATALOG = `query ProductPage($slug: String!) { product(slug: $slug) { id slug title description categories { slug name } variants { id sku title price { amount currencyCode } } } }`;
/** What the cart subgraph alone answers of Cart: its own fields; product details come from catalog. */
export const CART_AT_CART = `query Cart { cart { id version status totalQuantity subtotal { amount currencyCode } lines { id quantity unitPrice { amount currencyCode } lineTotal { amount currencyCode } variant { id } } } }`;

const noErrors = (body: string) => !body.includes('"errors"');
type Parsed = { data?: unknown };
const browseBody = JSON.stringify({ query: BROWSE, operationName: 'Browse', variables: { first: 20 } });
const browseCheck = {
  looksRight: (body: string) => noErrors(body) && body.startsWith('{"data":{"products":{"totalCount":'),
  deepCheck: (parsed: Parsed) => (parsed.data as { products?: { edges?: unknown[] } }).products?.edges?.length === 20,
};

export type WorkloadKey = 'browse-anonymous' | 'browse-returning' | 'product-page' | 'cart';
export const WORKLOAD_TITLES: Record<WorkloadKey, string> = {
  'browse-anonymous': '`Browse` (first: 20), no cookie',
  'browse-returning': "`Browse`, one returning visitor's cookie",
  'product-page': '`ProductPage`',
  cart: 'signed-in `Cart` read, 10 lines',
};

export interface WorkloadInputs {
  slugs: string[];
  returningCookie: string;
  /** One signed-in customer per connection, each with a 10-line cart: their bearer tokens. */
  cartTokens: string[];
  /** The same customers' signed internal contexts, for the cart subgraph asked directly; refreshed before each run. */
  cartContexts: () => string[];
  /** A signed anonymous context, for the catalog subgraph asked directly. */
  anonymousContext: () => string;
  internalContextHeader: string;
}

/** The workload as sent to a gateway, and as sent to the subgraph doing most of its work (the floor). */
export function workloadsFor(inputs: WorkloadInputs): Record<WorkloadKey, { gateway: Workload; floor: Workload; floorSubgraph: 'catalog' | 'cart' }> {
  const productBody = (query: string) => (_connection: number, n: number) =>
    JSON.stringify({ query, operationName: 'ProductPage', variables: { slug: inputs.slugs[n % inputs.slugs.length] } });
  const productCheck = (withStock: boolean) => ({
    looksRight: (body: string) => noErrors(body) && body.includes('"product":{"id"') && (!withStock || body.includes('"inStock":')),
    deepCheck: (parsed: Parsed) => ((parsed.data as { product?: { variants?: unknown[] } }).product?.variants?.length ?? 0) > 0,
  });
  const cartCheck = {
    looksRight: (body: string) => noErrors(body) && body.includes('"totalQuantity":10'),
    deepCheck: (parsed: Parsed) => (parsed.data as { cart?: { lines?: unknown[] } }).cart?.lines?.length === 10,
  };
  const anonymousFloorHeaders = () => ({ [inputs.internalContextHeader]: inputs.anonymousContext() });
  return {
    'browse-anonymous': {
      gateway: { name: 'browse-anonymous', body: () => browseBody, headers: () => ({}), ...browseCheck },
      floor: { name: 'browse-anonymous', body: () => browseBody, headers: anonymousFloorHeaders, ...browseCheck },
      floorSubgraph: 'catalog',
    },
    'browse-returning': {
      gateway: { name: 'browse-returning', body: () => browseBody, headers: () => ({ cookie: inputs.returningCookie }), ...browseCheck },
      floor: { name: 'browse-returning', body: () => browseBody, headers: anonymousFloorHeaders, ...browseCheck },
      floorSubgraph: 'catalog',
    },
    'product-page': {
      gateway: { name: 'product-page', body: productBody(PRODUCT_PAGE), headers: () => ({}), ...productCheck(true) },
      floor: { name: 'product-page', body: productBody(PRODUCT_PAGE_AT_CATALOG), headers: anonymousFloorHeaders, ...productCheck(false) },
      floorSubgraph: 'catalog',
    },
    cart: {
      gateway: {
        name: 'cart',
        body: () => JSON.stringify({ query: CART, operationName: 'Cart' }),
        headers: (connection) => ({ authorization: `Bearer ${inputs.cartTokens[connection % inputs.cartTokens.length]}` }),
        ...cartCheck,
      },
      floor: {
        name: 'cart',
        body: () => JSON.stringify({ query: CART_AT_CART, operationName: 'Cart' }),
        headers: (connection) => {
          const contexts = inputs.cartContexts();
          return { [inputs.internalContextHeader]: contexts[connection % contexts.length] as string };
        },
        ...cartCheck,
      },
      floorSubgraph: 'cart',
    },
  };
}
