import type {
  BrowseQuery,
  CartFieldsFragment,
  CartMergeFieldsFragment,
  CategoriesQuery,
  OrderDetailFieldsFragment,
  OrdersQuery,
  SearchQuery,
  StorefrontSignInMutation,
  UpdateCartLineMutation,
  ViewerQuery,
} from './generated/operations.js';

/**
 * Names for the answers the pages pass around. Each is a type generated from supergraph.graphql
 * and the operation that asks for it (generated/operations.ts, `npm run codegen`), so a field the
 * schema drops or makes nullable fails the typecheck rather than a page. A page that only reads an
 * answer where it asked for it needs no name: `api(name, variables)` is typed by the name.
 */

/** The contract's CartFields: what Cart, AddToCart, UpdateCartLine and RemoveCartLine answer. */
export type Cart = CartFieldsFragment;

export type CartLine = Cart['lines'][number];

/**
 * The cart the shopper can still fill: the session's cart may be one already turned into an
 * order (CHECKED_OUT) or merged at sign-in, which the shop shows as empty, or one whose order
 * is being paid (PENDING_ORDER), which cannot change.
 */
export function activeCart(cart: Cart | null | undefined): Cart | null {
  return cart && cart.status === 'ACTIVE' ? cart : null;
}

/**
 * The cart whose lines the shop shows: an ACTIVE one, or one under an order being paid
 * (PENDING_ORDER), shown read-only: declined or cancelled, that order gives every line back.
 */
export function shownCart(cart: Cart | null | undefined): Cart | null {
  return cart && (cart.status === 'ACTIVE' || cart.status === 'PENDING_ORDER') ? cart : null;
}

export function isPendingOrder(cart: Cart | null | undefined): boolean {
  return cart?.status === 'PENDING_ORDER';
}

/** AddToCart, UpdateCartLine and RemoveCartLine: the cart after the change, or what stood in the way. */
export type CartPayload = UpdateCartLineMutation['updateCartLine'];

/** The contract's Viewer, with the session list the account page shows. */
export type Viewer = ViewerQuery['viewer'];

/** What the guest-cart hand-over at sign-in did (CartMergeFields). */
export type CartMergeReport = CartMergeFieldsFragment;

/** The storefront's SignIn, SignUp and ResetPassword payloads (clients/operations/storefront.graphql), which select the same fields. */
export type AccountPayload = StorefrontSignInMutation['signIn'];

type BrowseProduct = BrowseQuery['products']['edges'][number]['node'];

/** A product tile: Search's node, or Browse's, which also has the price range. */
export type ProductSummary = SearchQuery['products']['edges'][number]['node'] & Partial<Pick<BrowseProduct, 'priceRange'>>;

/** A root category of Categories, with its children. */
export type Category = CategoriesQuery['categories'][number];

/** An order in the contract's Orders list. */
export type OrderSummary = OrdersQuery['orders']['edges'][number]['node'];

/** The storefront's OrderDetailFields (clients/operations/storefront.graphql): OrderDetail, StorefrontPlaceOrder, ConfirmPayment and CancelOrder answer it. */
export type OrderDetail = OrderDetailFieldsFragment;
