import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Cart, CartOwner } from '../domain/cart.js';
import { fromCart, isExpired, toCart, type CartItem } from './items.js';
import { keys } from './keys.js';

/** The cart changed since it was read; the caller re-reads and tries again, or reports it. */
export class CartVersionConflictError extends Error {
  constructor() {
    super('CART_VERSION_CONFLICT');
  }
}

/** One cart per owner. Callers get domain objects, never DynamoDB items or errors. */
export interface CartRepository {
  findByOwner(owner: CartOwner, now?: Date): Promise<Cart | undefined>;
  /**
   * Stores `cart` as version `cart.version + 1`, only if the stored cart is still at
   * `cart.version` (or absent, for version 0). Throws CartVersionConflictError otherwise.
   */
  save(cart: Cart): Promise<Cart>;
  /**
   * Stores `target` (the customer's cart with the guest lines added) and marks `guest` MERGED,
   * both or neither, each conditional on the version read. Throws CartVersionConflictError.
   */
  saveMerge(guest: Cart, target: Cart): Promise<Cart>;
  /**
   * Marks the owner's cart CHECKED_OUT for `orderId`, only while it is still the cart with
   * this id and ACTIVE; raises its version and records the order. Idempotent: the same order
   * again is 'already-marked'. 'not-found': no such ACTIVE cart (gone, merged, another id,
   * or checked out for another order).
   */
  markCheckedOut(owner: CartOwner, cartId: string, orderId: string): Promise<'marked' | 'already-marked' | 'not-found'>;
}

export function createCartRepository({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): CartRepository {
  const conditionalPut = (cart: Cart) => {
    const next = { ...cart, version: cart.version + 1 };
    return {
      next,
      put: {
        TableName: tableName,
        Item: fromCart(next),
        ...(cart.version === 0
          ? { ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now', ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) } }
          : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': cart.version } }),
      },
    };
  };

  return {
    async findByOwner(owner, now = new Date()) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.cart(owner), ConsistentRead: true }),
      );
      const item = Item as CartItem | undefined;
      return item && !isExpired(item, now) ? toCart(item) : undefined;
    },

    async save(cart) {
      const { next, put } = conditionalPut(cart);
      try {
        // Conditional on the version read: two devices changing one cart at once cannot
        // overwrite each other's lines; the loser re-reads and applies its change again.
        await client.send(new PutCommand(put));
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw new CartVersionConflictError();
        throw error;
      }
      return next;
    },

    async saveMerge(guest, target) {
      const merged = conditionalPut({ ...guest, status: 'MERGED' });
      const stored = conditionalPut(target);
      try {
        // One transaction: the guest lines land in the customer's cart exactly when the guest
        // cart stops being ACTIVE, so a retried sign-in cannot add them twice.
        await client.send(new TransactWriteCommand({ TransactItems: [{ Put: merged.put }, { Put: stored.put }] }));
      } catch (error) {
        if (error instanceof TransactionCanceledException) throw new CartVersionConflictError();
        throw error;
      }
      return stored.next;
    },

    async markCheckedOut(owner, cartId, orderId) {
      try {
        // Conditional on the id and status only: checkout read the cart when it placed the
        // order; the order, not the cart's later version, is what is being closed.
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.cart(owner),
            UpdateExpression: 'SET #status = :checkedOut, version = version + :one, checkedOutOrderId = :order, updatedAt = :now',
            ConditionExpression: 'id = :cart AND #status = :active',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':checkedOut': 'CHECKED_OUT',
              ':active': 'ACTIVE',
              ':one': 1,
              ':order': orderId,
              ':cart': cartId,
              ':now': new Date().toISOString(),
            },
          }),
        );
        return 'marked';
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.cart(owner), ConsistentRead: true }));
      const item = Item as (CartItem & { checkedOutOrderId?: string }) | undefined;
      return item?.id === cartId && item.status === 'CHECKED_OUT' && item.checkedOutOrderId === orderId ? 'already-marked' : 'not-found';
    },
  };
}
