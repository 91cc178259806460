import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys.js';

/** Longer than any provider retries a delivery (Stripe: 3 days), so every redelivery finds its record. */
export const WEBHOOK_EVENT_TTL_SECONDS = 7 * 24 * 3600;

/** Provider events received, by id: a redelivered event is recognised and changes nothing. */
export interface WebhookEventRepository {
  /** Records the event (with its order, when it names one, for whoever investigates an order); false when it was recorded before. */
  record(event: { provider: string; eventId: string; type: string; orderId?: string }, now?: Date): Promise<boolean>;
  /** Forgets an event whose application failed, so the provider's retry is applied. */
  forget(provider: string, eventId: string): Promise<void>;
}

export function createWebhookEventRepository({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): WebhookEventRepository {
  return {
    async record({ provider, eventId, type, orderId }, now = new Date()) {
      const nowSeconds = Math.floor(now.getTime() / 1000);
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keys.webhookEvent(provider, eventId),
              entity: 'WebhookEvent',
              provider,
              eventId,
              type,
              ...(orderId ? { orderId } : {}),
              receivedAt: now.toISOString(),
              expiresAt: nowSeconds + WEBHOOK_EVENT_TTL_SECONDS,
            },
            // The condition is the deduplication: of two deliveries at once, one records it. An
            // expired record not yet swept by TTL counts as gone.
            ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now',
            ExpressionAttributeValues: { ':now': nowSeconds },
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
    async forget(provider, eventId) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: keys.webhookEvent(provider, eventId) }));
    },
  };
}
