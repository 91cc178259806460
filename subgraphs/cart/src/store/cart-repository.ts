import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isExpired, withLapsedHoldReleased, type Cart, type CartOwner, type Money } from '../domain/cart.js';
import { MAX_LINES } from '../domain/cart-limits.js';
import type { CartMergeReport } from '../domain/merge-report.js';
import { createCartHoldWrites, writableCart, type HoldResult, type MarkCheckedOutResult, type ReleaseResult } from './cart-hold-writes.js';
import { fromCart, toCart, toEpochSeconds, type CartItem } from './items.js';
import { changeTime, DEFAULT_MAX_REMEMBERED_CHANGES, rememberChange } from './change-memory.js';
import { keys } from './keys.js';

/** How long an untouched cart lives before DynamoDB's TTL may delete it, per kind of owner. */
export interface CartLifetimes {
  sessionSeconds: number;
  customerSeconds: number;
}

/** A stored cart plus what a merge left on it (guest carts only). */
export type StoredCart = Cart & { mergeReport?: CartMergeReport };

/**
 * One cart per owner. Callers get domain objects, never DynamoDB items or errors. Every write
 * is conditional on the facts its caller planned from (the cart's id and status, the line's
 * quantity, the line count); a write whose facts changed returns undefined, and the caller
 * reads again and plans again. No shopper's change is conditional on the whole cart's version
 * unless the client asked for that (expectedVersion), so changes from several devices never
 * refuse each other; checkout's hold is, for an order must be of the cart exactly as it read it.
 */
export interface CartRepository {
  /**
   * The owner's live cart: undefined when there is none, or it has expired (TTL deletion is
   * lazy). A hold past its end reads as released (ACTIVE), as in findStored.
   */
  findByOwner(owner: CartOwner, now?: Date): Promise<StoredCart | undefined>;
  /**
   * The owner's cart as stored, expired or not: what a new cart would replace. A hold past its
   * end at `now` reads as released (ACTIVE, no hold): see withLapsedHoldReleased.
   */
  findStored(owner: CartOwner, now?: Date): Promise<StoredCart | undefined>;
  /** Stores `cart` (version already set) where `replaced` was (undefined: nothing stored). */
  create(cart: Cart, replaced: Pick<Cart, 'version'> | undefined): Promise<Cart | undefined>;
  /**
   * Adds `added` units to a line of the live cart `cart`, if the line then holds at most
   * `maxTotal` and no change with `changeId` has been applied yet (it is recorded in the same write).
   */
  addUnits(cart: Cart, line: { variantId: string; added: number; maxTotal: number; unitPrice: Money; changeId: string }, now: Date): Promise<Cart | undefined>;
  /** Sets an existing line's quantity; with expectedVersion, only if the cart is still at it. */
  setQuantity(cart: Cart, line: { variantId: string; quantity: number; unitPrice: Money; expectedVersion?: number }, now: Date): Promise<Cart | undefined>;
  /** Removes an existing line; with expectedVersion, only if the cart is still at it. */
  removeLine(cart: Cart, line: { variantId: string; expectedVersion?: number }, now: Date): Promise<Cart | undefined>;
  /**
   * Stores `target` (the customer's cart with the guest lines in it) where `replaced` was, and
   * marks `guest` MERGED with the report, both or neither.
   */
  saveMerge(guest: Cart, target: Cart, replaced: Pick<Cart, 'version'> | undefined, report: CartMergeReport): Promise<Cart | undefined>;
  /**
   * Holds the owner's cart for `orderId` until `heldUntil` (ISO 8601): PENDING_ORDER, read-only,
   * in one conditional write that moves it only from ACTIVE (or a lapsed hold) at exactly
   * `version`, raising the version. 'already-held': this order holds it already (the version
   * is not checked then); a later `heldUntil` extends the hold, an earlier one changes nothing.
   * 'version-moved': the cart with this id changed since checkout read it (a line, a merge, a
   * close, another order's hold); nothing is held. 'not-found': no live cart with this id.
   */
  hold(owner: CartOwner, hold: { cartId: string; version: number; orderId: string; heldUntil: string }, now?: Date): Promise<HoldResult>;
  /**
   * Makes the cart `orderId` holds ACTIVE again with every line, raising its version (the
   * order was declined or cancelled). 'not-held': the cart is there but not held by this order
   * (released already, closed, or changed after its hold lapsed). 'not-found': no live cart with this id.
   */
  release(owner: CartOwner, cartId: string, orderId: string, now?: Date): Promise<ReleaseResult>;
  /**
   * Marks CHECKED_OUT the cart `orderId` holds, raising its version and recording the order:
   * never an ACTIVE cart, nor one another order holds. Idempotent: the same order again is
   * 'already-marked'. 'not-found': no cart this order holds (gone, merged, another id, held
   * by or checked out for another order, or changed after its hold lapsed).
   */
  markCheckedOut(owner: CartOwner, cartId: string, orderId: string, now?: Date): Promise<MarkCheckedOutResult>;
}

export function createCartRepository({
  client,
  tableName,
  lifetimes,
  maxRememberedChanges = DEFAULT_MAX_REMEMBERED_CHANGES,
}: {
  client: DynamoDBDocumentClient;
  tableName: string;
  lifetimes: CartLifetimes;
  /** How many change ids a cart remembers at most (see change-memory.ts). */
  maxRememberedChanges?: number;
}): CartRepository {
  const expiresAt = (owner: CartOwner, now: Date) =>
    toEpochSeconds(now) + (owner.kind === 'customer' ? lifetimes.customerSeconds : lifetimes.sessionSeconds);

  const withLifetime = (cart: Cart): Cart => ({ ...cart, expiresAt: new Date(expiresAt(cart.owner, new Date(cart.updatedAt)) * 1000).toISOString() });

  async function readStored(owner: CartOwner): Promise<StoredCart | undefined> {
    // Consistent: a shopper who just changed the cart on one device must see it on the next.
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.cart(owner), ConsistentRead: true }));
    if (!Item) return undefined;
    const item = Item as CartItem & { mergeReport?: CartMergeReport };
    return { ...toCart(item), ...(item.mergeReport ? { mergeReport: item.mergeReport } : {}) };
  }

  async function findStored(owner: CartOwner, now = new Date()): Promise<StoredCart | undefined> {
    const stored = await readStored(owner);
    return stored && withLapsedHoldReleased(stored, now);
  }

  /** A conditional put of a whole cart where `replaced` (or nothing) is stored. */
  const putWhere = (cart: Cart, replaced: Pick<Cart, 'version'> | undefined) => ({
    TableName: tableName,
    Item: fromCart(cart),
    ...(replaced
      ? { ConditionExpression: 'version = :replaced', ExpressionAttributeValues: { ':replaced': replaced.version } }
      : { ConditionExpression: 'attribute_not_exists(PK)' }),
  });

  /**
   * One UpdateItem on a live cart: `set` and `remove` are the line's clauses, `condition` its
   * facts; the cart's id, status (ACTIVE, or a lapsed hold, which the write ends) and expiry
   * are always checked, and version, updatedAt and the TTL always move in the same write.
   */
  async function updateLine(
    cart: Cart,
    variantId: string,
    now: Date,
    clause: { set?: string[]; remove?: string[]; condition?: string; names?: Record<string, string>; values?: Record<string, unknown>; expectedVersion?: number },
  ): Promise<Cart | undefined> {
    const conditions = ['id = :cartId', writableCart.condition, 'expiresAt > :nowSeconds'];
    if (clause.condition) conditions.push(`(${clause.condition})`);
    if (clause.expectedVersion !== undefined) conditions.push('version = :expectedVersion');
    const set = [...(clause.set ?? []), writableCart.set, 'version = version + :one', 'updatedAt = :now', 'expiresAt = :expiresAt'];
    const remove = [...(clause.remove ?? []), ...writableCart.remove];
    try {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.cart(cart.owner),
          UpdateExpression: `SET ${set.join(', ')} REMOVE ${remove.join(', ')}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: { '#status': 'status', '#v': variantId, ...clause.names },
          ExpressionAttributeValues: {
            ':cartId': cart.id,
            ...writableCart.values(now),
            ':nowSeconds': toEpochSeconds(now),
            ':one': 1,
            ':now': now.toISOString(),
            ':expiresAt': expiresAt(cart.owner, now),
            ...(clause.expectedVersion !== undefined ? { ':expectedVersion': clause.expectedVersion } : {}),
            ...clause.values,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toCart(Attributes as CartItem);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  const holdWrites = createCartHoldWrites({ client, tableName, expiresAt, readStored });

  return {
    async findByOwner(owner, now = new Date()) {
      const cart = await findStored(owner, now);
      return cart && !isExpired(cart, now) ? cart : undefined;
    },

    findStored,

    async create(cart, replaced) {
      const stored = withLifetime(cart);
      try {
        await client.send(new PutCommand(putWhere(stored, replaced)));
        // Through the item and back: the lines get their ids, exactly as a read would show them.
        return toCart(fromCart(stored));
      } catch (error) {
        // Another device created or replaced the cart first; the caller adds to that one.
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw error;
      }
    },

    addUnits(cart, { variantId, added, maxTotal, unitPrice, changeId }, now) {
      const change = rememberChange(cart, changeId, changeTime(now), maxRememberedChanges);
      return updateLine(cart, variantId, now, {
        set: ['qty.#v = if_not_exists(qty.#v, :zero) + :added', 'addedAt.#v = if_not_exists(addedAt.#v, :now)', 'price.#v = :price', ...change.set],
        remove: change.remove,
        // A new line only while the cart has room; an existing one only while the sum stays
        // within the cap. Either holds for every concurrent add that fits, whatever the order.
        condition: `${change.condition} AND ((attribute_not_exists(qty.#v) AND size(qty) < :maxLines) OR qty.#v <= :maxBefore)`,
        names: change.names,
        values: { ':zero': 0, ':added': added, ':price': unitPrice, ':maxLines': MAX_LINES, ':maxBefore': maxTotal - added, ...change.values },
      });
    },

    setQuantity(cart, { variantId, quantity, unitPrice, expectedVersion }, now) {
      return updateLine(cart, variantId, now, {
        set: ['qty.#v = :quantity', 'price.#v = :price'],
        condition: 'attribute_exists(qty.#v)',
        values: { ':quantity': quantity, ':price': unitPrice },
        ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      });
    },

    removeLine(cart, { variantId, expectedVersion }, now) {
      return updateLine(cart, variantId, now, {
        remove: ['qty.#v', 'addedAt.#v', 'price.#v'],
        condition: 'attribute_exists(qty.#v)',
        ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      });
    },

    async saveMerge(guest, target, replaced, report) {
      const stored = withLifetime(target);
      try {
        // One transaction: the guest lines land in the customer's cart exactly when the guest
        // cart stops being ACTIVE, so a retried or concurrent hand-over cannot add them twice.
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: keys.cart(guest.owner),
                  UpdateExpression: `SET #status = :merged, mergeReport = :report, version = version + :one, updatedAt = :now REMOVE ${writableCart.remove.join(', ')}`,
                  // A guest cart an order holds is never merged; one whose hold lapsed is.
                  ConditionExpression: `version = :version AND ${writableCart.condition}`,
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':merged': 'MERGED',
                    ...writableCart.values(new Date(target.updatedAt)),
                    ':report': report,
                    ':one': 1,
                    ':now': target.updatedAt,
                    ':version': guest.version,
                  },
                },
              },
              { Put: putWhere(stored, replaced) },
            ],
          }),
        );
        return toCart(fromCart(stored));
      } catch (error) {
        if (error instanceof TransactionCanceledException) return undefined;
        throw error;
      }
    },

    ...holdWrites,
  };
}
