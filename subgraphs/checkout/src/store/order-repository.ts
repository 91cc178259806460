import { DeleteCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MAX_CART_LINES } from '@shopgraph/shared';
import type { Order, OrderStatus } from '../domain/order.js';
import { keys } from './keys.js';
import { fromOrder, toOrder, type IdempotencyItem, type OrderItem } from './order-items.js';
import { createOrderListing, type OrderListing, type RecoveryEntry } from './order-listing.js';
import { transitionOrder, type OrderChange } from './order-transition.js';
import { transactWithRetry } from './transact-write.js';

/** Items of the placement transaction besides the stock decrements: order, idempotency record, cart hold, recovery entry. */
export const PLACEMENT_FIXED_ITEMS = 4;
/** DynamoDB's limit on the items of one TransactWriteItems. */
export const TRANSACTION_ITEM_LIMIT = 100;
/** Distinct variants one order can hold: the rest of the transaction is stock decrements. */
export const MAX_ORDER_VARIANTS = TRANSACTION_ITEM_LIMIT - PLACEMENT_FIXED_ITEMS;
// Every cart that can be built must fit one placement transaction; stop at start-up rather
// than refuse the first full cart.
if (MAX_ORDER_VARIANTS < MAX_CART_LINES) {
  throw new Error(`An order holds at most ${MAX_ORDER_VARIANTS} variants, but a cart may hold ${MAX_CART_LINES} lines: lower MAX_CART_LINES.`);
}

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
  /** The order id exists though its key's record has expired: the key was used long ago. */
  | { kind: 'order-exists' }
  /** Another order of this cart is live. */
  | { kind: 'cart-held' };

/**
 * Orders, their idempotency records and their stock, in checkout's table. Callers never see
 * DynamoDB types: a refused condition is a domain outcome or error (OrderStateConflict,
 * OrderChangedConcurrently).
 */
export interface OrderRepository extends OrderListing {
  /**
   * One TransactWriteItems: the order (PENDING_PAYMENT), a conditional decrement per line
   * (`quantity >= n`), the idempotency record, the cart guard and the recovery entry (due at
   * the order's `recoveryDueAt`). All or nothing: a failed condition writes nothing.
   */
  place(order: Order, claim: IdempotencyClaim): Promise<PlaceOutcome>;
  get(orderId: string): Promise<Order | undefined>;
  findIdempotency(ownerKey: string, key: string, now?: Date): Promise<{ inputHash: string; orderId: string } | undefined>;
  /**
   * The one way an order changes: from one of `from` (the states it leaves) to `to`, with
   * `change`, conditional on the state and on the revision `order` was read at. Answers the
   * order as written. OrderStateConflict when its state is not one of `from` (nothing
   * written); OrderChangedConcurrently when another write came first in a state it may leave.
   */
  transition(order: Order, from: readonly OrderStatus[], to: OrderStatus, change?: OrderChange): Promise<Order>;
  /** Removes an entry no order refers to any more (its order moved it, or is gone). */
  dropStaleRecovery(entry: RecoveryEntry): Promise<void>;
}

export function createOrderRepository({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): OrderRepository {
  async function get(orderId: string) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.order(orderId), ConsistentRead: true }));
    return Item ? toOrder(Item as OrderItem) : undefined;
  }

  return {
    ...createOrderListing({ client, tableName }),
    get,

    async place(order, claim) {
      const nowSeconds = Math.floor(Date.now() / 1000);
      const idempotency: IdempotencyItem = {
        ...keys.idempotency(claim.ownerKey, claim.key),
        entity: 'Idempotency',
        inputHash: claim.inputHash,
        orderId: order.id,
        expiresAt: claim.expiresAt,
      };
      const dueAt = order.recoveryDueAt ?? order.createdAt;
      const reasons = await transactWithRetry(client, [
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
        { Put: { TableName: tableName, Item: { ...keys.recovery(order.id, dueAt), entity: 'Recovery', orderId: order.id, dueAt } } },
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
      if (reasons[0] === 'ConditionalCheckFailed') return { kind: 'order-exists' };
      if (reasons[2] === 'ConditionalCheckFailed') return { kind: 'cart-held' };
      const short = order.lines.filter((_, index) => reasons[PLACEMENT_FIXED_ITEMS + index] === 'ConditionalCheckFailed');
      if (short.length === 0) throw new Error(`placement transaction cancelled: ${reasons.join(',')}`);
      return { kind: 'out-of-stock', variantIds: short.map((line) => line.variantId) };
    },

    async findIdempotency(ownerKey, key, now = new Date()) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.idempotency(ownerKey, key), ConsistentRead: true }));
      const item = Item as IdempotencyItem | undefined;
      if (!item || item.expiresAt <= Math.floor(now.getTime() / 1000)) return undefined;
      return { inputHash: item.inputHash, orderId: item.orderId };
    },

    transition: (order, from, to, change) => transitionOrder({ client, tableName, read: get }, order, from, to, change),

    async dropStaleRecovery({ orderId, dueAt }) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: keys.recovery(orderId, dueAt) }));
    },
  };
}
