/** Cart domain objects: what the repository returns and the rules work on. */
export interface Money {
  amount: number;
  currencyCode: string;
}

/** Whose cart: a customer's (the same on every device) or an anonymous session's. */
export type CartOwner = { kind: 'customer'; customerId: string } | { kind: 'session'; sessionId: string };

export type CartStatus = 'ACTIVE' | 'MERGED' | 'CHECKED_OUT';

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
