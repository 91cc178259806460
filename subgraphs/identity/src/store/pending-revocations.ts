import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { keys } from './keys.js';

/** What must reach Redis: these sessions' revocations, and/or this customer's mark. */
export interface PendingRevocation {
  id: string;
  sessionIds: string[];
  customerId?: string;
  expiresAt: number;
}

/**
 * Notes, written before a revocation touches anything, that it must reach Redis; a note
 * outlives a failed Redis write or a crash, and the revocation sync writes it.
 */
export interface PendingRevocations {
  /** Answers the note's id. `expiresAt` (epoch seconds) is when the note can no longer matter. */
  note(what: { sessionIds?: readonly string[]; customerId?: string }, expiresAt: number): Promise<string>;
  /** The revocation reached Redis: its note goes. */
  clear(id: string): Promise<void>;
  /** Every unexpired note, read consistently. */
  list(now?: Date): Promise<PendingRevocation[]>;
}

/** A new note's item, for a write of its own or one inside a transaction. */
export function pendingRevocationItem(what: { sessionIds?: readonly string[]; customerId?: string }, expiresAt: number): { id: string; item: Record<string, unknown> } {
  const id = `${new Date().toISOString()}#${randomBytes(8).toString('base64url')}`;
  const { sessionIds = [], customerId } = what;
  return { id, item: { ...keys.pendingRevocation(id), entity: 'PendingRevocation', id, sessionIds: [...sessionIds], ...(customerId ? { customerId } : {}), expiresAt } };
}

export function createPendingRevocations({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): PendingRevocations {
  return {
    async note(what, expiresAt) {
      const { id, item } = pendingRevocationItem(what, expiresAt);
      await client.send(new PutCommand({ TableName: tableName, Item: item }));
      return id;
    },

    async clear(id) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: keys.pendingRevocation(id) }));
    },

    async list(now = new Date()) {
      const items: Record<string, unknown>[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const output = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': keys.pendingRevocations().PK },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        items.push(...(output.Items ?? []));
        startKey = output.LastEvaluatedKey;
      } while (startKey);
      return items
        .map((item) => ({
          id: item['id'] as string,
          sessionIds: item['sessionIds'] as string[],
          ...(item['customerId'] ? { customerId: item['customerId'] as string } : {}),
          expiresAt: item['expiresAt'] as number,
        }))
        .filter((note) => note.expiresAt > Math.floor(now.getTime() / 1000));
    },
  };
}
