/** Checkout's domain objects: what the repositories return and the rules work on. */
export interface Money {
  amount: number;
  currencyCode: string;
}

/** Who placed an order: a signed-in customer, or an anonymous session. */
export type OrderOwner = { kind: 'customer'; customerId: string } | { kind: 'session'; sessionId: string };

/** See the state machine in subgraphs/checkout/README.md. */
export type OrderStatus = 'PENDING_PAYMENT' | 'PAID' | 'PAYMENT_FAILED' | 'CANCELLED' | 'FULFILLED';

export interface OrderLine {
  variantId: string;
  quantity: number;
  /** The price charged, fixed when the order was placed, whatever catalog does later. */
  unitPrice: Money;
}

export interface Address {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  countryCode: string;
}

export interface Order {
  id: string;
  number: string;
  owner: OrderOwner;
  status: OrderStatus;
  email: string;
  shippingAddress: Address;
  shippingMethodId: string;
  /** One line per variant (cart lines of one variant summed). */
  lines: OrderLine[];
  subtotal: Money;
  shippingTotal: Money;
  total: Money;
  /** The cart the order was placed from, marked CHECKED_OUT once paid. */
  cartId: string;
  /** Set once the cart is marked CHECKED_OUT: the order needs nothing more from recovery. */
  cartMarkedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export function ownerOf(session: { sessionId: string; customerId?: string }): OrderOwner {
  return session.customerId ? { kind: 'customer', customerId: session.customerId } : { kind: 'session', sessionId: session.sessionId };
}

/** A stable string naming an owner, for keys and signed claims. */
export function ownerKey(owner: OrderOwner): string {
  return owner.kind === 'customer' ? `CUSTOMER#${owner.customerId}` : `SESSION#${owner.sessionId}`;
}

export function isOwnedBy(order: Order, session: { sessionId: string; customerId?: string }): boolean {
  return order.owner.kind === 'customer' ? order.owner.customerId === session.customerId : order.owner.sessionId === session.sessionId;
}
