import { codedError, ErrorCode, Role } from '@shopgraph/shared';
import { requireRole, requireSession } from '@shopgraph/shared/server';
import type { Order } from '../domain/order.js';
import { decodeOrderCursor, encodeOrderCursor } from '../domain/order-cursor.js';
import { findOrder, findOwnedOrder } from '../domain/order-result.js';
import { SHIPPING_METHODS } from '../domain/shipping-methods.js';
import type { QueryResolvers } from '../generated/resolver-types.js';
import { keys } from '../store/keys.js';

const MAX_PAGE = 100;

export const Query: QueryResolvers = {
  // A copy: the list is frozen in code (readonly), the resolver's answer is a plain array.
  shippingMethods: () => [...SHIPPING_METHODS],

  async orders(_, { first, after }, context) {
    const session = requireSession(context);
    const position = pagePosition(first, after);
    // An anonymous session has no order history to list; order(id) still finds its orders.
    if (!session.customerId) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    await context.orderServices.guestOrders.completePending(session, context.logger);
    return connection(await context.orderServices.orders.listByCustomer(session.customerId, first, position));
  },

  async order(_, { id }, context) {
    const session = requireSession(context);
    // Someone else's order answers exactly like an unknown id: its existence is not revealed.
    return (await findOwnedOrder(context.orderServices.orders, session, id)) ?? null;
  },

  async adminOrders(_, { status, first, after }, context) {
    requireRole(context, Role.ADMIN);
    const position = pagePosition(first, after);
    return connection(await context.orderServices.orders.listByStatus(status ?? undefined, first, position));
  },

  async adminOrder(_, { id }, context) {
    requireRole(context, Role.ADMIN);
    return (await findOrder(context.orderServices.orders, id)) ?? null;
  },
};

/** Where a page starts; BAD_USER_INPUT for a size out of bounds or a cursor this service did not issue. */
function pagePosition(first: number, after: string | null | undefined): string | undefined {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw codedError(ErrorCode.BAD_USER_INPUT, `first must be 1 to ${MAX_PAGE}.`, { field: ['first'] });
  }
  const position = after ? decodeOrderCursor(after) : undefined;
  if (after && !position) throw codedError(ErrorCode.BAD_USER_INPUT, 'after is not a cursor of this listing.', { field: ['after'] });
  return position;
}

function connection({ orders, hasNextPage }: { orders: Order[]; hasNextPage: boolean }) {
  const edges = orders.map((order) => ({ cursor: encodeOrderCursor(keys.orderByCustomerSort(order.createdAt, order.id)), node: order }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
