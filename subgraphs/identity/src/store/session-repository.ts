import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '@shopgraph/shared/dynamo';
import { randomBytes } from 'node:crypto';
import type { SessionRecord } from '../domain/identity-types.js';
import { keys } from './keys.js';

/** Durable session records: survive any replica, listable and revocable per customer. */
export interface SessionRepository {
  create(record: SessionRecord): Promise<void>;
  /** The record, unless it is expired (TTL deletion is lazy, so reads check). */
  find(sessionId: string, now?: Date): Promise<SessionRecord | undefined>;
  /** The customer's sessions that are neither revoked nor expired, newest first. */
  listActive(customerId: string, now?: Date): Promise<SessionRecord[]>;
  /**
   * Every session id the customer has signed in with and not signed out of, read consistently
   * from the customer item: unlike the index, it never trails a session just created.
   */
  sessionIdsOf(customerId: string): Promise<string[]>;
  /** Drops ended sessions' ids from the customer item, so it does not grow without bound. */
  forgetSessions(customerId: string, sessionIds: readonly string[]): Promise<void>;
  /**
   * Drops from the customer item the ids of sessions that ended without a sign-out (expired,
   * deleted by TTL, revoked elsewhere), once it holds more than `keepUpTo`: it then stays
   * within `keepUpTo` ids or the customer's live sessions, whichever is more.
   */
  pruneEnded(customerId: string, keepUpTo: number, now?: Date): Promise<void>;
  /** The record of an anonymous session that now holds state; nothing if it has one already. */
  recordAnonymous(sessionId: string, at: Date, expiresAt: number): Promise<void>;
  /** Moves a live session's last-seen time forward; a revoked or missing one is left alone. */
  markSeen(sessionId: string, at: Date): Promise<void>;
  /** Marks sessions revoked; a session already revoked keeps its first revocation time. */
  revoke(sessionIds: readonly string[], at: Date): Promise<void>;
  /**
   * Every revoked session whose token could still be presented, a page at a time: what Redis
   * must hold again after it lost its data. A full scan, so only for that rare recovery.
   */
  revokedUnexpired(now: Date): AsyncGenerator<{ sessionId: string; expiresAt: number }[]>;
  /**
   * Notes, before a revocation touches anything, that these sessions' revocation must reach
   * Redis; the note outlives a failed Redis write or a crash, and the revocation sync writes
   * it. Answers the note's id. `expiresAt` (epoch seconds) is when the note can no longer matter.
   */
  notePendingRevocation(sessionIds: readonly string[], expiresAt: number): Promise<string>;
  /** The revocation reached Redis: its note goes. */
  clearPendingRevocation(id: string): Promise<void>;
  /** Every unexpired note, read consistently. */
  pendingRevocations(now?: Date): Promise<PendingRevocation[]>;
}

export interface PendingRevocation {
  id: string;
  sessionIds: string[];
  expiresAt: number;
}

/** Session records marked revoked at once by one sign-out everywhere. */
const REVOKE_CONCURRENCY = 16;

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(run));
}

/** For writes whose condition failing means "nothing to do": rethrows anything else. */
function unlessConditionFailed(error: unknown): void {
  if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
}

export function createSessionRepository({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): SessionRepository {
  /** Every item a query matches, page after page. */
  async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const output = await client.send(new QueryCommand({ ...input, TableName: tableName, ExclusiveStartKey: startKey }));
      items.push(...(output.Items ?? []));
      startKey = output.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  const live = (record: SessionRecord | undefined, now: Date) =>
    record && record.expiresAt > Math.floor(now.getTime() / 1000) ? record : undefined;

  const repository: SessionRepository = {
    async notePendingRevocation(sessionIds, expiresAt) {
      const id = `${new Date().toISOString()}#${randomBytes(8).toString('base64url')}`;
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.pendingRevocation(id), entity: 'PendingRevocation', id, sessionIds: [...sessionIds], expiresAt },
        }),
      );
      return id;
    },

    async clearPendingRevocation(id) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: keys.pendingRevocation(id) }));
    },

    async pendingRevocations(now = new Date()) {
      const items = await queryAll({
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.pendingRevocations().PK },
        ConsistentRead: true,
      });
      return items
        .map((item) => ({ id: item['id'] as string, sessionIds: item['sessionIds'] as string[], expiresAt: item['expiresAt'] as number }))
        .filter((note) => note.expiresAt > Math.floor(now.getTime() / 1000));
    },

    async create(record) {
      const put = {
        TableName: tableName,
        Item: {
          ...keys.session(record.sessionId),
          // Only signed-in sessions are listed under their customer.
          ...(record.customerId ? keys.sessionListing(record.customerId, record.createdAt, record.sessionId) : {}),
          entity: 'Session',
          ...record,
        },
        // Session ids are 128 random bits; a collision means a bug, not bad luck.
        ConditionExpression: 'attribute_not_exists(PK)',
      };
      if (!record.customerId) {
        await client.send(new PutCommand(put));
        return;
      }
      // The session and its id on the customer item, together: "sign out everywhere" reads
      // the ids consistently and so cannot miss a session signed in a moment before.
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: put },
            {
              Update: {
                TableName: tableName,
                Key: keys.customer(record.customerId),
                UpdateExpression: 'ADD sessionIds :session',
                ConditionExpression: 'attribute_exists(PK)',
                ExpressionAttributeValues: { ':session': new Set([record.sessionId]) },
              },
            },
          ],
        }),
      );
    },

    async forgetSessions(customerId, sessionIds) {
      if (sessionIds.length === 0) return;
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.customer(customerId),
          UpdateExpression: 'DELETE sessionIds :ended',
          ExpressionAttributeValues: { ':ended': new Set(sessionIds) },
        }),
      );
    },

    async pruneEnded(customerId, keepUpTo, now = new Date()) {
      const ids = await repository.sessionIdsOf(customerId);
      if (ids.length <= keepUpTo) return;
      // Consistent: a session signed in a moment ago must not look missing, and so ended.
      const records = await batchGetAll(client, tableName, ids.map(keys.session), { consistentRead: true });
      const live = new Set(
        (records as unknown as SessionRecord[]).filter((record) => !record.revokedAt && record.expiresAt > Math.floor(now.getTime() / 1000)).map((record) => record.sessionId),
      );
      await repository.forgetSessions(customerId, ids.filter((id) => !live.has(id)));
    },

    async sessionIdsOf(customerId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.customer(customerId), ConsistentRead: true, ProjectionExpression: 'sessionIds' }),
      );
      return [...((Item?.['sessionIds'] as Set<string> | undefined) ?? [])];
    },

    async find(sessionId, now = new Date()) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.session(sessionId), ConsistentRead: true }));
      return live(Item as SessionRecord | undefined, now);
    },

    async listActive(customerId, now = new Date()) {
      const records = (await queryAll({
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :customer',
        ExpressionAttributeValues: { ':customer': keys.sessionsOfCustomer(customerId).GSI1PK },
        ScanIndexForward: false,
      })) as unknown as SessionRecord[];
      return records.filter((record) => !record.revokedAt && live(record, now));
    },

    async recordAnonymous(sessionId, at, expiresAt) {
      const createdAt = at.toISOString();
      await client
        .send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.session(sessionId), entity: 'Session', sessionId, createdAt, lastSeenAt: createdAt, expiresAt },
            // A tombstone or an earlier record wins: this never revives an ended session.
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        )
        .catch(unlessConditionFailed);
    },

    async markSeen(sessionId, at) {
      await client
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.session(sessionId),
            UpdateExpression: 'SET lastSeenAt = :at',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revokedAt) AND lastSeenAt < :at',
            ExpressionAttributeValues: { ':at': at.toISOString() },
          }),
        )
        .catch(unlessConditionFailed);
    },

    async revoke(sessionIds, at) {
      // A few at a time: a customer with a thousand sessions must not open a thousand sockets.
      await inBatches(sessionIds, REVOKE_CONCURRENCY, (sessionId) =>
        client
          .send(
            new UpdateCommand({
              TableName: tableName,
              Key: keys.session(sessionId),
              UpdateExpression: 'SET revokedAt = :at',
              ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revokedAt)',
              ExpressionAttributeValues: { ':at': at.toISOString() },
            }),
          )
          // Already revoked, or never recorded (an anonymous session): nothing to mark.
          .catch(unlessConditionFailed),
      );
    },

    async *revokedUnexpired(now) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const output = await client.send(
          new ScanCommand({
            TableName: tableName,
            FilterExpression: 'entity = :session AND attribute_exists(revokedAt) AND expiresAt > :now',
            ProjectionExpression: 'sessionId, expiresAt',
            ExpressionAttributeValues: { ':session': 'Session', ':now': Math.floor(now.getTime() / 1000) },
            ExclusiveStartKey: startKey,
          }),
        );
        const page = (output.Items ?? []) as { sessionId: string; expiresAt: number }[];
        if (page.length > 0) yield page;
        startKey = output.LastEvaluatedKey;
      } while (startKey);
    },
  };
  return repository;
}
