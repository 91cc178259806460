import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backoff } from '@shopgraph/shared/dynamo';
import type { Order, OrderStatus } from '../domain/order.js';
import { StoreContendedError } from '../errors.js';
import { keys, RECOVERY_SHARDS } from './keys.js';
import { fromOrder, toOrder, type IdempotencyItem, type OrderItem } from './order-items.js';

/** Items of the placement transaction besides the stock decrements: order, idempotency record, cart hold, recovery entry. */
export const PLACEMENT_FIXED_ITEMS = 4;
/** DynamoDB's limit on the items of one TransactWriteItems. */
export const TRANSACTION_ITEM_LIMIT = 100;
/** Distinct variants one order can hold: the rest of the transaction is stock decrements. */
export const MAX_ORDER_VARIANTS = TRANSACTION_ITEM_LIMIT - PLACEMENT_FIXED_ITEMS;

/** Transactions over one hot stock item conflict; each retry means another order committed. */
const MAX_CONFLICT_ATTEMPTS = 12;

export interface IdempotencyClaim {
  ownerKey: string;
  key: string;
  inputHash: string;
  expiresAt: number;
}

export type PlaceOutcome =
  | { kind: 'placed' }
  | { kind: 'out-of-stock'; variantIds: string[] }
  /** The idempotency key is already taken (by this input or another): read the record. */
  | { kind: 'key-taken' }
  /** Another order of this cart is pending or paid. */
  | { kind: 'cart-held' };

/** Orders, their idempotency records and their stock, in checkout's table. Callers never see DynamoDB types. */
export interface OrderRepository {
  /**
   * One TransactWriteItems: the order (PENDING_PAYMENT), a conditional decrement per line
   * (`quantity >= n`), the idempotency record, the cart hold and the recovery entry. All or
   * nothing: a failed condition writes nothing.
   */
  place(order: Order, claim: IdempotencyClaim): Promise<PlaceOutcome>;
  get(orderId: string): Promise<Order | undefined>;
  findIdempotency(ownerKey: string, key: string, now?: Date): Promise<{ inputHash: string; orderId: string } | undefined>;
  /**
   * PENDING_PAYMENT -> PAYMENT_FAILED or CANCELLED, giving the stock back, in one transaction
   * conditional on the order still pending: two replicas releasing at once give it back once.
   */
  release(order: Order, status: Extract<OrderStatus, 'PAYMENT_FAILED' | 'CANCELLED'>): Promise<boolean>;
  /**
   * PENDING_PAYMENT -> PAID, or records that a PAID order's cart is marked (`cartMarkedAt`,
   * which also ends its recovery entry). False when the order is in neither state any more.
   */
  recordPaid(order: Order, cartMarkedAt?: string): Promise<boolean>;
  /** Recovery entries created before `before`, oldest first, across every shard. */
  recoverable(before: string, limit: number): Promise<{ orderId: string; createdAt: string }[]>;
  /** Removes the recovery entry of an order that needs nothing more. */
  dropRecovery(orderId: string, createdAt: string): Promise<void>;
  /** A customer's orders, newest first; `after` is the sort key of the last one seen. */
  listByCustomer(customerId: string, first: number, after?: string): Promise<{ orders: Order[]; hasNextPage: boolean }>;
}

export function createOrderRepository({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): OrderRepository {
  async function transactWithRetry(items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>) {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.send(new TransactWriteCommand({ TransactItems: items }));
        return undefined;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
        const conflicted = reasons.includes('TransactionConflict') && !reasons.includes('ConditionalCheckFailed');
        if (!conflicted) return reasons;
        if (attempt >= MAX_CONFLICT_ATTEMPTS) throw new StoreContendedError();
        await backoff(attempt);
      }
    }
  }

  const deleteRecoveryItem = (orderId: string, createdAt: string) => ({ Delete: { TableName: tableName, Key: keys.recovery(orderId, createdAt) } });

  return {
    async place(order, claim) {
      const nowSeconds = Math.floor(Date.now() / 1000);
      const idempotency: IdempotencyItem = {
        ...keys.idempotency(claim.ownerKey, claim.key),
        entity: 'Idempotency',
        inputHash: claim.inputHash,
        orderId: order.id,
        expiresAt: claim.expiresAt,
      };
      const reasons = await transactWithRetry([
        { Put: { TableName: tableName, Item: fromOrder(order), ConditionExpression: 'attribute_not_exists(PK)' } },
        {
          Put: {
            TableName: tableName,
            Item: idempotency,
            // An expired record not yet swept by TTL counts as gone.
            ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now',
            ExpressionAttributeValues: { ':now': nowSeconds },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.cartHold(order.cartId), entity: 'CartHold', orderId: order.id },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        { Put: { TableName: tableName, Item: { ...keys.recovery(order.id, order.createdAt), entity: 'Recovery', orderId: order.id, createdAt: order.createdAt } } },
        ...order.lines.map((line) => ({
          Update: {
            TableName: tableName,
            Key: keys.stock(line.variantId),
            // The condition is the whole oversell guard: no read-then-write, no lock.
            UpdateExpression: 'SET quantity = quantity - :n, updatedAt = :at',
            ConditionExpression: 'quantity >= :n',
            ExpressionAttributeValues: { ':n': line.quantity, ':at': order.createdAt },
          },
        })),
      ]);
      if (!reasons) return { kind: 'placed' };
      if (reasons[1] === 'ConditionalCheckFailed') return { kind: 'key-taken' };
      if (reasons[2] === 'ConditionalCheckFailed') return { kind: 'cart-held' };
      const short = order.lines.filter((_, index) => reasons[PLACEMENT_FIXED_ITEMS + index] === 'ConditionalCheckFailed');
      if (short.length === 0) throw new Error(`placement transaction cancelled: ${reasons.join(',')}`);
      return { kind: 'out-of-stock', variantIds: short.map((line) => line.variantId) };
    },

    async get(orderId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.order(orderId), ConsistentRead: true }));
      return Item ? toOrder(Item as OrderItem) : undefined;
    },

    async findIdempotency(ownerKey, key, now = new Date()) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.idempotency(ownerKey, key), ConsistentRead: true }));
      const item = Item as IdempotencyItem | undefined;
      if (!item || item.expiresAt <= Math.floor(now.getTime() / 1000)) return undefined;
      return { inputHash: item.inputHash, orderId: item.orderId };
    },

    async release(order, status) {
      const reasons = await transactWithRetry([
        {
          Update: {
            TableName: tableName,
            Key: keys.order(order.id),
            UpdateExpression: 'SET #status = :status, updatedAt = :at',
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': status, ':pending': 'PENDING_PAYMENT', ':at': new Date().toISOString() },
          },
        },
        ...order.lines.map((line) => ({
          Update: {
            TableName: tableName,
            Key: keys.stock(line.variantId),
            UpdateExpression: 'ADD quantity :n',
            ExpressionAttributeValues: { ':n': line.quantity },
          },
        })),
        { Delete: { TableName: tableName, Key: keys.cartHold(order.cartId) } },
        deleteRecoveryItem(order.id, order.createdAt),
      ]);
      return reasons === undefined;
    },

    async recordPaid(order, cartMarkedAt) {
      const update = {
        TableName: tableName,
        Key: keys.order(order.id),
        UpdateExpression: `SET #status = :paid, updatedAt = :at${cartMarkedAt ? ', cartMarkedAt = :marked' : ''}`,
        ConditionExpression: '#status = :pending OR (#status = :paid AND attribute_not_exists(cartMarkedAt))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':paid': 'PAID',
          ':pending': 'PENDING_PAYMENT',
          ':at': new Date().toISOString(),
          ...(cartMarkedAt ? { ':marked': cartMarkedAt } : {}),
        },
      };
      if (!cartMarkedAt) {
        try {
          await client.send(new UpdateCommand(update));
          return true;
        } catch (error) {
          if ((error as Error).name === 'ConditionalCheckFailedException') return false;
          throw error;
        }
      }
      return (await transactWithRetry([{ Update: update }, deleteRecoveryItem(order.id, order.createdAt)])) === undefined;
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
          return Items as { orderId: string; createdAt: string }[];
        }),
      );
      return pages
        .flat()
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .slice(0, limit)
        .map(({ orderId, createdAt }) => ({ orderId, createdAt }));
    },

    async dropRecovery(orderId, createdAt) {
      await client.send(new DeleteCommand(deleteRecoveryItem(orderId, createdAt).Delete));
    },

    async listByCustomer(customerId, first, after) {
      const pk = keys.ordersOfCustomer(customerId);
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: after ? 'GSI1PK = :pk AND GSI1SK < :after' : 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': pk, ...(after ? { ':after': after } : {}) },
          ScanIndexForward: false,
          // One more than asked: whether a next page exists, without a second query.
          Limit: first + 1,
        }),
      );
      const orders = (Items as OrderItem[]).map(toOrder);
      return { orders: orders.slice(0, first), hasNextPage: orders.length > first };
    },
  };
}
