import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Order, OrderStatus } from '../domain/order.js';
import { isEdge } from '../domain/order-states.js';
import { OrderChangedConcurrently, OrderStateConflict } from '../errors.js';
import { keys } from './keys.js';
import { transactWithRetry, type TransactItems } from './transact-write.js';

/** The fields a transition may write besides the status; a field given as undefined is removed. */
export type OrderFields = Pick<Order, 'payment' | 'transactions' | 'fulfillments' | 'refunds' | 'holdExpiresAt' | 'cartMarkedAt'>;

export interface OrderChange {
  set?: Partial<OrderFields>;
  /** Gives every line's stock back and drops the cart guard, in the same transaction. */
  returnStock?: boolean;
  /** When recovery looks at the order next; null: never (its entry is dropped); omitted: unchanged. */
  recoveryDueAt?: string | null;
}

/**
 * One conditional write that takes `order` from one of `from` to `to`: the order's own update
 * is conditional on its status being one of `from` and on the revision it was read at, so two
 * writers racing for one edge take it once. Stock given back and the recovery entry moved are
 * in the same transaction. The order, 96 stock items, the cart guard and the recovery entry's
 * delete and put make at most 100 items, DynamoDB's limit.
 */
export async function transitionOrder(
  { client, tableName, read }: { client: DynamoDBDocumentClient; tableName: string; read: (orderId: string) => Promise<Order | undefined> },
  order: Order,
  from: readonly OrderStatus[],
  to: OrderStatus,
  change: OrderChange = {},
): Promise<Order> {
  if (!from.every((state) => isEdge(state, to))) throw new Error(`no edge from ${from.join('|')} to ${to} in the order's state machine`);
  const at = new Date().toISOString();
  const next: Order = { ...order, ...change.set, status: to, revision: order.revision + 1, updatedAt: at };
  const oldDue = order.recoveryDueAt;
  const newDue = change.recoveryDueAt === undefined ? oldDue : (change.recoveryDueAt ?? undefined);
  if (newDue) next.recoveryDueAt = newDue;
  else delete next.recoveryDueAt;
  for (const [field, value] of Object.entries(change.set ?? {})) if (value === undefined) delete next[field as keyof OrderFields];

  const update = orderUpdate(tableName, order, from, next);
  const items: TransactItems = [{ Update: update }];
  if (change.returnStock) {
    for (const line of order.lines) {
      items.push({ Update: { TableName: tableName, Key: keys.stock(line.variantId), UpdateExpression: 'ADD quantity :n', ExpressionAttributeValues: { ':n': line.quantity } } });
    }
    items.push({ Delete: { TableName: tableName, Key: keys.cartHold(order.cartId) } });
  }
  if (oldDue !== newDue) {
    if (oldDue) items.push({ Delete: { TableName: tableName, Key: keys.recovery(order.id, oldDue) } });
    if (newDue) items.push({ Put: { TableName: tableName, Item: { ...keys.recovery(order.id, newDue), entity: 'Recovery', orderId: order.id, dueAt: newDue } } });
  }

  let refused: boolean;
  if (items.length === 1) {
    // The order alone: one UpdateItem, half the cost of a transaction.
    try {
      await client.send(new UpdateCommand(update));
      refused = false;
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      refused = true;
    }
  } else {
    const reasons = await transactWithRetry(client, items);
    if (reasons && reasons[0] !== 'ConditionalCheckFailed') throw new Error(`order transition cancelled: ${reasons.join(',')}`);
    refused = reasons !== undefined;
  }
  if (!refused) return next;
  const current = await read(order.id);
  if (!current) throw new Error(`order ${order.id} vanished`);
  if (!from.includes(current.status)) throw new OrderStateConflict(current);
  throw new OrderChangedConcurrently(current);
}

function orderUpdate(tableName: string, order: Order, from: readonly OrderStatus[], next: Order) {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':to': next.status, ':revision': order.revision, ':next': next.revision, ':at': next.updatedAt, ':gsi2': keys.ordersInStatus(next.status) };
  const sets = ['#status = :to', 'revision = :next', 'updatedAt = :at', 'GSI2PK = :gsi2'];
  const removes: string[] = [];
  const fields = ['payment', 'transactions', 'fulfillments', 'refunds', 'holdExpiresAt', 'cartMarkedAt', 'recoveryDueAt'] as const;
  for (const field of fields) {
    if (next[field] === order[field]) continue;
    names[`#${field}`] = field;
    if (next[field] === undefined) removes.push(`#${field}`);
    else {
      sets.push(`#${field} = :${field}`);
      values[`:${field}`] = next[field];
    }
  }
  from.forEach((state, index) => (values[`:from${index}`] = state));
  return {
    TableName: tableName,
    Key: keys.order(order.id),
    UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
    // The state it leaves, and the revision it was decided on: a concurrent change refuses it.
    ConditionExpression: `#status IN (${from.map((_, index) => `:from${index}`).join(', ')}) AND revision = :revision`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
