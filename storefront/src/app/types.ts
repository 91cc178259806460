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
 * order (CHECKED_OUT) or merged at sign-in, which the shop shows as empty.
 */
export function activeCart(cart: Cart | null | undefined): Cart | null {
  return cart && cart.status === 'ACTIVE' ? cart : null;
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

export interface PlacedOrder extends OrderSummary {
  email: string;
  lines: { quantity: number; variant: { id: string; sku: string }; unitPrice: Money }[];
  subtotal: Money;
  shippingTotal: Money;
}
