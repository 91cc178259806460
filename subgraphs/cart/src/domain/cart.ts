/** Cart domain objects: what the repository returns and the rules work on. */
export interface Money {
  amount: number;
  currencyCode: string;
}

/** Whose cart: a customer's (the same on every device) or an anonymous session's. */
export type CartOwner = { kind: 'customer'; customerId: string } | { kind: 'session'; sessionId: string };

/**
 * ACTIVE: in use. PENDING_ORDER: held by an order being paid, read-only until checkout closes
 * it (CHECKED_OUT) or releases it (ACTIVE again, every line kept). MERGED: a guest cart whose
 * lines moved into a customer's cart at sign-in. CHECKED_OUT: turned into an order.
 */
export type CartStatus = 'ACTIVE' | 'PENDING_ORDER' | 'MERGED' | 'CHECKED_OUT';

/** Which order holds a PENDING_ORDER cart, and until when (ISO 8601, UTC). */
export interface CartHold {
  orderId: string;
  until: string;
}

export interface CartLine {
  id: string;
  variantId: string;
  quantity: number;
  /** The price when the line was last changed; shown only when the catalog cannot be asked. */
  unitPriceSnapshot: Money;
  addedAt: string;
}

export interface Cart {
  id: string;
  owner: CartOwner;
  /** Raised by one on every stored change; never goes back, even when a new cart replaces a finished one. */
  version: number;
  status: CartStatus;
  /** Oldest first. */
  lines: CartLine[];
  createdAt: string;
  updatedAt: string;
  /** When DynamoDB's TTL may delete the cart; moved on by every change. */
  expiresAt: string;
  /** Set when status is CHECKED_OUT: the order the cart became. */
  checkedOutOrderId?: string;
  /** Set when status is PENDING_ORDER. */
  hold?: CartHold;
  /**
   * The ids of changes applied in the last few minutes, the most recent few hundred at most
   * (each with its epoch seconds, milliseconds as a fraction), so a retried add is recognised
   * instead of applied twice. Absent on carts stored before this was kept.
   */
  recentChanges?: Record<string, number>;
}

export function ownerOf(session: { sessionId: string; customerId?: string }): CartOwner {
  return session.customerId
    ? { kind: 'customer', customerId: session.customerId }
    : { kind: 'session', sessionId: session.sessionId };
}

export function isExpired(cart: Pick<Cart, 'expiresAt'>, now: Date): boolean {
  return Date.parse(cart.expiresAt) <= now.getTime();
}

/**
 * The cart as it stands at `now`: a hold past its `until` counts as released. Checkout may
 * crash between holding the cart and recording its order, or never come back to close or
 * release it; the hold's end keeps such a cart from staying read-only. Nothing is written for
 * it here: the next change writes the cart ACTIVE (its condition accepts a lapsed hold).
 */
export function withLapsedHoldReleased<T extends Cart>(cart: T, now: Date): T {
  if (cart.status !== 'PENDING_ORDER' || (cart.hold && Date.parse(cart.hold.until) > now.getTime())) return cart;
  const released = { ...cart, status: 'ACTIVE' as const };
  delete released.hold;
  return released;
}
