import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Order, OrderStatus } from '../domain/order.js';
import { ORDER_STATUSES } from '../domain/order-states.js';
import { keys, RECOVERY_SHARDS } from './keys.js';
import { toOrder, type OrderItem } from './order-items.js';

/** A due entry of the recovery queue. */
export interface RecoveryEntry {
  orderId: string;
  dueAt: string;
}

export interface OrderPage {
  orders: Order[];
  hasNextPage: boolean;
}

/** The queries over orders: a customer's (GSI1), every customer's by status (GSI2), and the recovery queue. */
export interface OrderListing {
  /** A customer's orders, newest first; `after` is the sort key of the last one seen. */
  listByCustomer(customerId: string, first: number, after?: string): Promise<OrderPage>;
  /**
   * Every customer's orders in `status` (or in any status), newest first; `after` is the sort
   * key of the last one seen. GSI2 is eventually consistent: an order that just changed state
   * may show under its former one for a moment.
   */
  listByStatus(status: OrderStatus | undefined, first: number, after?: string): Promise<OrderPage>;
  /** Recovery entries due before `before`, earliest first, across every shard. */
  recoverable(before: string, limit: number): Promise<RecoveryEntry[]>;
}

export function createOrderListing({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): OrderListing {
  /** Newest first under one index key, one more than asked: whether a next page exists, without a second query. */
  async function newestFirst(indexName: 'GSI1' | 'GSI2', pk: string, first: number, after?: string): Promise<Order[]> {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: indexName,
        KeyConditionExpression: after ? `${indexName}PK = :pk AND ${indexName}SK < :after` : `${indexName}PK = :pk`,
        ExpressionAttributeValues: { ':pk': pk, ...(after ? { ':after': after } : {}) },
        ScanIndexForward: false,
        Limit: first + 1,
      }),
    );
    return (Items as OrderItem[]).map(toOrder);
  }
  const page = (orders: Order[], first: number): OrderPage => ({ orders: orders.slice(0, first), hasNextPage: orders.length > first });
  const sortKey = (order: Order) => keys.orderByCustomerSort(order.createdAt, order.id);

  return {
    async listByCustomer(customerId, first, after) {
      return page(await newestFirst('GSI1', keys.ordersOfCustomer(customerId), first, after), first);
    },

    async listByStatus(status, first, after) {
      if (status) return page(await newestFirst('GSI2', keys.ordersInStatus(status), first, after), first);
      // Any status: the newest of each status's partition, merged. An order caught moving
      // between two partitions is listed once.
      const perStatus = await Promise.all(ORDER_STATUSES.map((each) => newestFirst('GSI2', keys.ordersInStatus(each), first, after)));
      const unique = new Map(perStatus.flat().map((order) => [order.id, order]));
      return page([...unique.values()].sort((a, b) => sortKey(b).localeCompare(sortKey(a))), first);
    },

    async recoverable(before, limit) {
      const pages = await Promise.all(
        Array.from({ length: RECOVERY_SHARDS }, async (_, shard) => {
          const { Items = [] } = await client.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: 'PK = :pk AND SK < :before',
              ExpressionAttributeValues: { ':pk': keys.recoveryShard(shard), ':before': before },
              Limit: limit,
            }),
          );
          return Items as RecoveryEntry[];
        }),
      );
      return pages
        .flat()
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
        .slice(0, limit)
        .map(({ orderId, dueAt }) => ({ orderId, dueAt }));
    },
  };
}
