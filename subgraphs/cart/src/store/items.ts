import type { Cart, CartOwner, CartStatus, Money } from '../domain/cart.js';
import { lineIdOf } from '../domain/line-id.js';
import { keys } from './keys.js';

/**
 * The stored cart. Lines are three maps keyed by variant id rather than a list, so that adding
 * units, setting a quantity or removing a line is one UpdateItem that touches only that
 * variant's entries (`SET qty.#v = if_not_exists(qty.#v, :0) + :n`) and raises `version` in the
 * same write. DynamoDB applies writes to one item one at a time, so concurrent changes to
 * different lines, or concurrent adds to the same line, all land and sum exactly, with no
 * read-modify-write race and no conflict to retry. (Nested paths need their parent map to
 * exist, hence three flat maps instead of one map of line objects.)
 */
export interface CartItem {
  PK: string;
  SK: string;
  entity: 'Cart';
  id: string;
  owner: CartOwner;
  version: number;
  status: CartStatus;
  /** Units per variant. */
  qty: Record<string, number>;
  /** When each variant's line was first added (ISO 8601); orders the lines. */
  addedAt: Record<string, string>;
  /** The unit price when each line last changed: shown only if the catalog cannot answer. */
  price: Record<string, Money>;
  createdAt: string;
  updatedAt: string;
  /** Epoch seconds: DynamoDB's TTL attribute, moved on by every change. */
  expiresAt: number;
  checkedOutOrderId?: string;
  /** Set while status is PENDING_ORDER: the order being paid. */
  heldOrderId?: string;
  /** Set while status is PENDING_ORDER: when the hold lapses (ISO 8601 from toISOString, so it compares as a string). */
  heldUntil?: string;
  /** Change id to epoch seconds: see Cart.recentChanges. */
  changes?: Record<string, number>;
}

export const toEpochSeconds = (at: Date | string): number => Math.floor((typeof at === 'string' ? Date.parse(at) : at.getTime()) / 1000);

export function toCart(item: CartItem): Cart {
  const lines = Object.entries(item.qty)
    .map(([variantId, quantity]) => ({
      id: lineIdOf(item.id, variantId),
      variantId,
      quantity,
      unitPriceSnapshot: item.price[variantId] ?? { amount: 0, currencyCode: 'USD' },
      addedAt: item.addedAt[variantId] ?? item.createdAt,
    }))
    .sort((a, b) => (a.addedAt === b.addedAt ? a.variantId.localeCompare(b.variantId) : a.addedAt.localeCompare(b.addedAt)));
  return {
    id: item.id,
    owner: item.owner,
    version: item.version,
    status: item.status,
    lines,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    expiresAt: new Date(item.expiresAt * 1000).toISOString(),
    ...(item.checkedOutOrderId ? { checkedOutOrderId: item.checkedOutOrderId } : {}),
    ...(item.heldOrderId && item.heldUntil ? { hold: { orderId: item.heldOrderId, until: item.heldUntil } } : {}),
    ...(item.changes ? { recentChanges: item.changes } : {}),
  };
}

export function fromCart(cart: Cart): CartItem {
  const qty: Record<string, number> = {};
  const addedAt: Record<string, string> = {};
  const price: Record<string, Money> = {};
  for (const line of cart.lines) {
    qty[line.variantId] = line.quantity;
    addedAt[line.variantId] = line.addedAt;
    price[line.variantId] = line.unitPriceSnapshot;
  }
  return {
    ...keys.cart(cart.owner),
    entity: 'Cart',
    id: cart.id,
    owner: cart.owner,
    version: cart.version,
    status: cart.status,
    qty,
    addedAt,
    price,
    createdAt: cart.createdAt,
    updatedAt: cart.updatedAt,
    expiresAt: toEpochSeconds(cart.expiresAt),
    ...(cart.checkedOutOrderId ? { checkedOutOrderId: cart.checkedOutOrderId } : {}),
    ...(cart.hold ? { heldOrderId: cart.hold.orderId, heldUntil: cart.hold.until } : {}),
    changes: cart.recentChanges ?? {},
  };
}
