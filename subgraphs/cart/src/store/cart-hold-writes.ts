import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isExpired, type Cart, type CartOwner } from '../domain/cart.js';
import { toEpochSeconds } from './items.js';
import { keys } from './keys.js';

/** What `hold` answers: see CartRepository.hold. */
export type HoldResult = 'held' | 'already-held' | 'version-moved' | 'not-found';
/** What `release` answers: see CartRepository.release. */
export type ReleaseResult = 'released' | 'not-held' | 'not-found';
/** What `markCheckedOut` answers: see CartRepository.markCheckedOut. */
export type MarkCheckedOutResult = 'marked' | 'already-marked' | 'not-found';

/**
 * When a shopper's change may write the cart: it is ACTIVE, or held by an order whose hold has
 * lapsed (see withLapsedHoldReleased). A write guarded by it also sets `set` and removes
 * `remove`, so the first change after a lapse writes the release down, and a hold checkout
 * extended meanwhile fails the condition instead of being written over.
 */
export const writableCart = {
  condition: '(#status = :active OR (#status = :pendingOrder AND heldUntil <= :holdLapsedBy))',
  set: '#status = :active',
  remove: ['heldOrderId', 'heldUntil'],
  values: (now: Date) => ({ ':active': 'ACTIVE', ':pendingOrder': 'PENDING_ORDER', ':holdLapsedBy': now.toISOString() }),
};

/** Each repeat means checkout's own calls crossed (a release or close between read and write). */
const MAX_ATTEMPTS = 3;

/**
 * Checkout's writes around an order: hold the cart while the order is paid, then close it
 * (CHECKED_OUT) or release it (ACTIVE again). Each is one conditional UpdateItem; a refused
 * one reads the cart once to say why.
 */
export function createCartHoldWrites({
  client,
  tableName,
  expiresAt,
  readStored,
}: {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** The TTL (epoch seconds) a change made at `now` gives the owner's cart. */
  expiresAt: (owner: CartOwner, now: Date) => number;
  /** The cart as stored, its hold as written (lapsed or not). */
  readStored: (owner: CartOwner) => Promise<Cart | undefined>;
}) {
  async function update(
    owner: CartOwner,
    now: Date,
    { set, remove = [], condition, values }: { set: string[]; remove?: string[]; condition: string; values: Record<string, unknown> },
  ): Promise<boolean> {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.cart(owner),
          // Like every stored change: the version rises, the TTL moves on.
          UpdateExpression: `SET ${[...set, 'version = version + :one', 'updatedAt = :now', 'expiresAt = :expiresAt'].join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':one': 1, ':now': now.toISOString(), ':expiresAt': expiresAt(owner, now), ...values },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** The cart with this id, not past its TTL: anything else is "not found" to checkout. */
  async function storedCart(owner: CartOwner, cartId: string, now: Date): Promise<Cart | undefined> {
    const stored = await readStored(owner);
    return stored && stored.id === cartId && !isExpired(stored, now) ? stored : undefined;
  }

  const heldBy = (cart: Cart, orderId: string): cart is Cart & { hold: NonNullable<Cart['hold']> } =>
    cart.status === 'PENDING_ORDER' && cart.hold?.orderId === orderId;

  return {
    async hold(owner: CartOwner, { cartId, version, orderId, heldUntil }: { cartId: string; version: number; orderId: string; heldUntil: string }, now = new Date()): Promise<HoldResult> {
      // Stored as toISOString writes it, so the lapse conditions compare it as a string.
      const until = new Date(heldUntil).toISOString();
      const values = { ':cartId': cartId, ':orderId': orderId, ':until': until, ':pendingOrder': 'PENDING_ORDER' };
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        // The cart exactly as checkout read it: any change since (a line, another order's
        // hold, a merge, a close) raised the version, and nothing is held.
        const held = await update(owner, now, {
          set: ['#status = :pendingOrder', 'heldOrderId = :orderId', 'heldUntil = :until'],
          condition: `id = :cartId AND version = :version AND expiresAt > :nowSeconds AND ${writableCart.condition}`,
          values: { ...values, ...writableCart.values(now), ':version': version, ':nowSeconds': toEpochSeconds(now) },
        });
        if (held) return 'held';
        const stored = await storedCart(owner, cartId, now);
        if (!stored) return 'not-found';
        if (!heldBy(stored, orderId)) return 'version-moved';
        // The same order again (a retry, or a confirmation that needs more time): the hold
        // only ever moves later. Nothing has written the cart since the hold (any change
        // would have ended it), so even a lapsed one still holds exactly the order's lines.
        if (stored.hold.until >= until) return 'already-held';
        const extended = await update(owner, now, {
          set: ['heldUntil = :until'],
          condition: 'id = :cartId AND #status = :pendingOrder AND heldOrderId = :orderId AND heldUntil < :until',
          values,
        });
        if (extended) return 'already-held';
      }
      throw new Error(`the hold of cart ${cartId} for order ${orderId} kept changing under it; gave up after ${MAX_ATTEMPTS} attempts`);
    },

    async release(owner: CartOwner, cartId: string, orderId: string, now = new Date()): Promise<ReleaseResult> {
      const released = await update(owner, now, {
        set: ['#status = :active'],
        remove: writableCart.remove,
        condition: 'id = :cartId AND #status = :pendingOrder AND heldOrderId = :orderId AND expiresAt > :nowSeconds',
        values: { ':cartId': cartId, ':orderId': orderId, ':active': 'ACTIVE', ':pendingOrder': 'PENDING_ORDER', ':nowSeconds': toEpochSeconds(now) },
      });
      if (released) return 'released';
      return (await storedCart(owner, cartId, now)) ? 'not-held' : 'not-found';
    },

    async markCheckedOut(owner: CartOwner, cartId: string, orderId: string, now = new Date()): Promise<MarkCheckedOutResult> {
      // Only the cart this order holds: lines added before the hold are the order's, and none
      // can be added while it stands. A lapsed hold still counts when nothing wrote the cart
      // since, for then its lines are still exactly the order's.
      const marked = await update(owner, now, {
        set: ['#status = :checkedOut', 'checkedOutOrderId = :orderId'],
        remove: writableCart.remove,
        condition: 'id = :cartId AND #status = :pendingOrder AND heldOrderId = :orderId',
        values: { ':cartId': cartId, ':orderId': orderId, ':checkedOut': 'CHECKED_OUT', ':pendingOrder': 'PENDING_ORDER' },
      });
      if (marked) return 'marked';
      // Asked again for the same order (a retry, or recovery): already done, not an error.
      const stored = await readStored(owner);
      return stored?.id === cartId && stored.status === 'CHECKED_OUT' && stored.checkedOutOrderId === orderId ? 'already-marked' : 'not-found';
    },
  };
}
