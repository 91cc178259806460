import { codedError, ErrorCode } from '@shopgraph/shared';
import { requireSession } from '@shopgraph/shared/server';
import type { CheckoutContext } from '../context.js';
import { isOwnedBy } from '../domain/order.js';
import { decodeOrderCursor, encodeOrderCursor } from '../domain/order-cursor.js';
import { SHIPPING_METHODS } from '../domain/shipping-methods.js';
import { keys } from '../store/keys.js';

const MAX_PAGE = 100;

export const Query = {
  shippingMethods: () => SHIPPING_METHODS,

  async orders(_: unknown, { first, after }: { first: number; after?: string | null }, context: CheckoutContext) {
    const session = requireSession(context);
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      throw codedError(ErrorCode.BAD_USER_INPUT, `first must be 1 to ${MAX_PAGE}.`, { field: ['first'] });
    }
    const position = after ? decodeOrderCursor(after) : undefined;
    if (after && !position) throw codedError(ErrorCode.BAD_USER_INPUT, 'after is not a cursor of this listing.', { field: ['after'] });
    // An anonymous session has no order history to list; order(id) still finds its orders.
    if (!session.customerId) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    const { orders, hasNextPage } = await context.orderServices.orders.listByCustomer(session.customerId, first, position);
    const edges = orders.map((order) => ({ cursor: encodeOrderCursor(keys.orderByCustomerSort(order.createdAt, order.id)), node: order }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  },

  async order(_: unknown, { id }: { id: string }, context: CheckoutContext) {
    const session = requireSession(context);
    if (!/^ord_[\w-]{1,64}$/.test(id)) return null;
    const order = await context.orderServices.orders.get(id);
    // Someone else's order answers exactly like an unknown id: its existence is not revealed.
    return order && isOwnedBy(order, session) ? order : null;
  },
};
