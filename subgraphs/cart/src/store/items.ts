import type { Cart, CartLine, CartOwner } from '../domain/cart.js';
import { keys } from './keys.js';

/** An anonymous cart nobody touches for this long is deleted by DynamoDB's TTL. */
export const ANONYMOUS_CART_TTL_SECONDS = 30 * 24 * 3600;

export interface CartItem {
  PK: string;
  SK: string;
  entity: 'Cart';
  id: string;
  owner: CartOwner;
  version: number;
  status: Cart['status'];
  lines: CartLine[];
  createdAt: string;
  updatedAt: string;
  /** Epoch seconds; set only on anonymous carts. */
  expiresAt?: number;
}

export function toCart(item: CartItem): Cart {
  return {
    id: item.id,
    owner: item.owner,
    version: item.version,
    status: item.status,
    lines: item.lines,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

export function fromCart(cart: Cart): CartItem {
  const expiresAt =
    cart.owner.kind === 'session' ? Math.floor(Date.parse(cart.updatedAt) / 1000) + ANONYMOUS_CART_TTL_SECONDS : undefined;
  return {
    ...keys.cart(cart.owner),
    entity: 'Cart',
    id: cart.id,
    owner: cart.owner,
    version: cart.version,
    status: cart.status,
    lines: cart.lines,
    createdAt: cart.createdAt,
    updatedAt: cart.updatedAt,
    ...(expiresAt ? { expiresAt } : {}),
  };
}

/** TTL deletion is lazy (up to days late), so reads treat an expired item as gone. */
export function isExpired(item: CartItem, now: Date): boolean {
  return item.expiresAt !== undefined && item.expiresAt <= Math.floor(now.getTime() / 1000);
}
