import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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
}

export function createCartRepository({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): CartRepository {
  return {
    async findByOwner(owner, now = new Date()) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.cart(owner), ConsistentRead: true }),
      );
      const item = Item as CartItem | undefined;
      return item && !isExpired(item, now) ? toCart(item) : undefined;
    },

    async save(cart) {
      const next = { ...cart, version: cart.version + 1 };
      try {
        // Conditional on the version read: two devices changing one cart at once cannot
        // overwrite each other's lines; the loser re-reads and applies its change again.
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: fromCart(next),
            ...(cart.version === 0
              ? { ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now', ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) } }
              : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': cart.version } }),
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw new CartVersionConflictError();
        throw error;
      }
      return next;
    },
  };
}
