import type { CartOwner } from '../domain/cart.js';

/**
 * The only place cart key strings are built. A cart is one item keyed by its owner, so "the
 * cart of this session" or "of this customer" is a single GetItem, and each change to a line is
 * one UpdateItem on that item (see items.ts for the layout and why).
 *
 * | item | PK                        | SK   |
 * | cart | CART#CUSTOMER#<customer>  | CART |
 * | cart | CART#SESSION#<session>    | CART |
 *
 * A cart's `status`, and what goes with each:
 *
 * | status        | attributes                  | changes?                                        |
 * | ACTIVE        |                             | yes                                             |
 * | PENDING_ORDER | `heldOrderId`, `heldUntil`  | no: an order is being paid; past `heldUntil` it |
 * |               |                             | reads ACTIVE and the next change writes so      |
 * | CHECKED_OUT   | `checkedOutOrderId`         | no: the next add starts a new cart              |
 * | MERGED        | `mergeReport`               | no: the next add starts a new cart              |
 */
export const keys = {
  cart: (owner: CartOwner) => ({
    PK: owner.kind === 'customer' ? `CART#CUSTOMER#${owner.customerId}` : `CART#SESSION#${owner.sessionId}`,
    SK: 'CART',
  }),
} as const;
