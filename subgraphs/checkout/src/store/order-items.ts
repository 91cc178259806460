import type { Order } from '../domain/order.js';
import { keys } from './keys.js';

/** An order as stored: the domain object plus its keys (GSI1 by owner, GSI2 by status). */
export interface OrderItem extends Order {
  PK: string;
  SK: string;
  entity: 'Order';
  GSI1PK?: string;
  GSI1SK?: string;
  GSI2PK: string;
  GSI2SK: string;
}

export interface IdempotencyItem {
  PK: string;
  SK: string;
  entity: 'Idempotency';
  /** sha256 of the canonical input: the same key with another input is refused. */
  inputHash: string;
  orderId: string;
  /** Epoch seconds; DynamoDB's TTL deletes it lazily, so reads check it too. */
  expiresAt: number;
}

export function fromOrder(order: Order): OrderItem {
  return {
    ...keys.order(order.id),
    entity: 'Order',
    GSI1PK: order.owner.kind === 'customer' ? keys.ordersOfCustomer(order.owner.customerId) : keys.ordersOfGuestSession(order.owner.sessionId),
    GSI1SK: keys.orderByCustomerSort(order.createdAt, order.id),
    GSI2PK: keys.ordersInStatus(order.status),
    GSI2SK: keys.orderByCustomerSort(order.createdAt, order.id),
    ...order,
  };
}

export function toOrder(item: OrderItem): Order {
  const { PK: _pk, SK: _sk, entity: _entity, GSI1PK: _gpk, GSI1SK: _gsk, GSI2PK: _g2pk, GSI2SK: _g2sk, ...order } = item;
  // Lists are written with the order; the defaults read an order stored before they existed.
  return { ...order, transactions: order.transactions ?? [], fulfillments: order.fulfillments ?? [], refunds: order.refunds ?? [], revision: order.revision ?? 0 };
}
