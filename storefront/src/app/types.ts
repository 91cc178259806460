import type { UserError } from './api.js';
import type { Money } from './money.js';

/** The shapes of the contract's answers, as far as the pages read them. */

export interface CartLine {
  id: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
  variant: { id: string; sku: string; title: string; product: { slug: string; title: string } };
}

export interface Cart {
  id: string;
  version: number;
  status: string;
  totalQuantity: number;
  subtotal: Money;
  lines: CartLine[];
}

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

export interface CartPayload {
  cart: Cart | null;
  errors: UserError[];
}

export interface Viewer {
  isAuthenticated: boolean;
  customer: { id: string; email: string; name: string } | null;
  sessions: { id: string; current: boolean; createdAt: string; lastSeenAt: string | null; userAgent: string | null }[];
}

export interface CartMergeReport {
  status: 'MERGED' | 'NOTHING_TO_MERGE' | 'PENDING';
  linesAdded: number;
  linesCombined: number;
  capped: { variantId: string; requested: number; kept: number; reason: 'LINE_QUANTITY_LIMIT' | 'CART_LINE_LIMIT' | 'STOCK' }[];
}

/** The storefront's SignIn and SignUp payloads (clients/operations/storefront.graphql). */
export interface AccountPayload {
  customer: { id: string; email: string; name: string } | null;
  errors: UserError[];
  cartMerge: CartMergeReport | null;
}

export interface ProductSummary {
  id: string;
  slug: string;
  title: string;
  featuredImage?: { url: string; altText: string | null } | null;
  priceRange?: { min: Money; max: Money };
}

export interface ProductConnection {
  totalCount: number;
  edges: { cursor?: string; node: ProductSummary }[];
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
}

export interface Category {
  id: string;
  slug: string;
  name: string;
  children: { id: string; slug: string; name: string }[];
}

export interface Product {
  id: string;
  slug: string;
  title: string;
  description: string;
  categories: { slug: string; name: string }[];
  variants: { id: string; sku: string; title: string; price: Money; availableQuantity: number; inStock: boolean }[];
}

export interface OrderSummary {
  id: string;
  number: string;
  status: string;
  total: Money;
  createdAt: string;
}

/** The storefront's OrderDetailFields (clients/operations/storefront.graphql). */
export interface OrderDetail extends OrderSummary {
  email: string;
  updatedAt: string;
  /** Until when the stock (and, unpaid, the cart) is held; null once paid or closed. */
  holdExpiresAt: string | null;
  lines: OrderLine[];
  subtotal: Money;
  shippingTotal: Money;
  payment: {
    /** Set only while the order is REQUIRES_ACTION: what the shopper's bank needs. */
    action: { clientSecret: string | null; redirectUrl: string | null } | null;
    authorized: Money;
    captured: Money;
    refunded: Money;
  } | null;
  payments: PaymentTransaction[];
  fulfillments: Fulfillment[];
  refunds: Refund[];
}

export interface OrderLine {
  id: string;
  quantity: number;
  fulfilledQuantity: number;
  variant: { id: string; sku: string; title: string };
  unitPrice: Money;
}

export interface PaymentTransaction {
  type: 'AUTHORIZATION' | 'CAPTURE' | 'VOID' | 'REFUND';
  status: 'PENDING' | 'REQUIRES_ACTION' | 'SUCCEEDED' | 'FAILED';
  amount: Money;
  reference: string;
  createdAt: string;
}

export interface Fulfillment {
  id: string;
  trackingCode: string | null;
  createdAt: string;
  lines: { quantity: number; line: { id: string } }[];
}

export interface Refund {
  id: string;
  amount: Money;
  reason: string;
  status: 'REQUESTED' | 'PENDING' | 'SUCCEEDED' | 'FAILED';
  createdAt: string;
}

/** StorefrontPlaceOrder, ConfirmPayment and CancelOrder answer the order or what stood in the way. */
export interface OrderPayload {
  order: OrderDetail | null;
  errors: UserError[];
}
