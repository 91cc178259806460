import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { OrderOwner } from '../domain/order.js';
import { keys } from './keys.js';

/** A guest session places a handful of orders at most; more are moved page by page all the same. */
const PAGE_SIZE = 100;

/**
 * Moves a guest session's orders to the customer who signed in from it: each order is one
 * conditional write that names the guest owner it replaces, so asking twice moves nothing twice,
 * and an order another writer moves meanwhile is left alone. The order's cart stays the guest
 * session's (`cartOwner`): cart knows it by that owner until it is closed or released.
 */
export function createGuestOrders({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }) {
  async function moveOne(orderId: string, guestSessionId: string, customerId: string): Promise<boolean> {
    const guest: OrderOwner = { kind: 'session', sessionId: guestSessionId };
    const customer: OrderOwner = { kind: 'customer', customerId };
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.order(orderId),
          UpdateExpression: 'SET #owner = :customer, cartOwner = if_not_exists(cartOwner, :guest), GSI1PK = :customerOrders',
          ConditionExpression: '#owner.#kind = :session AND #owner.sessionId = :guestSessionId',
          ExpressionAttributeNames: { '#owner': 'owner', '#kind': 'kind' },
          ExpressionAttributeValues: {
            ':customer': customer,
            ':guest': guest,
            ':customerOrders': keys.ordersOfCustomer(customerId),
            ':session': 'session',
            ':guestSessionId': guestSessionId,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  return {
    moveOne,
    /**
     * Moves every order listed under the guest session; answers how many this call moved. GSI1
     * is eventually consistent, so an order placed a moment before the sign-in may be listed
     * only later: `order(id)` and confirming it still work meanwhile (see isOwnedBy), and the
     * session's later reads of its orders move it.
     */
    async moveAll(guestSessionId: string, customerId: string): Promise<number> {
      let moved = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'GSI1',
            KeyConditionExpression: 'GSI1PK = :pk',
            ExpressionAttributeValues: { ':pk': keys.ordersOfGuestSession(guestSessionId) },
            ProjectionExpression: 'PK',
            Limit: PAGE_SIZE,
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        );
        for (const item of page.Items ?? []) {
          const orderId = keys.orderIdOf(String(item['PK']));
          if (await moveOne(orderId, guestSessionId, customerId)) moved += 1;
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return moved;
    },
  };
}

export type GuestOrders = ReturnType<typeof createGuestOrders>;
