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
  /** 0 for a cart not yet stored; raised by one on every save. */
  version: number;
  status: CartStatus;
  lines: CartLine[];
  createdAt: string;
  updatedAt: string;
}

export function ownerOf(session: { sessionId: string; customerId?: string }): CartOwner {
  return session.customerId
    ? { kind: 'customer', customerId: session.customerId }
    : { kind: 'session', sessionId: session.sessionId };
}
