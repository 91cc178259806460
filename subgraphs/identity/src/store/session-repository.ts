import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { endedByMark } from '@shopgraph/shared';
import type { SessionRecord } from '../domain/identity-types.js';
import type { SessionsEnded } from './customer-sessions.js';
import { keys } from './keys.js';
import { sessionItem } from './session-item.js';

/** Durable session records: survive any replica, listable and revocable per customer. */
export interface SessionRepository {
  create(record: SessionRecord): Promise<void>;
  /** The record, unless it is expired (TTL deletion is lazy, so reads check). */
  find(sessionId: string, now?: Date): Promise<SessionRecord | undefined>;
  /**
   * The customer's sessions that are neither revoked, expired nor ended by `ended` (the
   * customer's mark, read consistently by the caller), newest first.
   */
  /** The newest `limit` live sessions of a customer, newest first; pages are read only until that many are found. */
  listActive(customerId: string, ended: SessionsEnded | undefined, limit: number, now?: Date): Promise<SessionRecord[]>;
  /** The record of an anonymous session that now holds state; nothing if it has one already. */
  recordAnonymous(sessionId: string, at: Date, expiresAt: number): Promise<void>;
  /** Moves a live session's last-seen time forward; a revoked or missing one is left alone. */
  markSeen(sessionId: string, at: Date): Promise<void>;
  /** Marks sessions revoked; a session already revoked keeps its first revocation time. */
  revoke(sessionIds: readonly string[], at: Date): Promise<void>;
}

/**
 * A session numbered after a mark may carry a creation time a little before the mark's (its
 * sign-in started first, or another replica's clock is behind). The listing reads sessions
 * created from this long before the mark on, which is wider than either, and decides by number.
 */
const LISTING_MARGIN_MS = 5 * 60_000;

/** For writes whose condition failing means "nothing to do": rethrows anything else. */
function unlessConditionFailed(error: unknown): void {
  if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
}

export function createSessionRepository({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): SessionRepository {
  /** The first `wanted` items a query matches that `keep` accepts, page after page until that many are found. */
  async function queryUntil<T>(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>, keep: (item: T) => boolean, wanted: number): Promise<T[]> {
    const kept: T[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const output = await client.send(new QueryCommand({ ...input, TableName: tableName, ExclusiveStartKey: startKey }));
      for (const item of (output.Items ?? []) as T[]) if (kept.length < wanted && keep(item)) kept.push(item);
      startKey = output.LastEvaluatedKey;
    } while (startKey && kept.length < wanted);
    return kept;
  }

  const live = (record: SessionRecord | undefined, now: Date) =>
    record && record.expiresAt > Math.floor(now.getTime() / 1000) ? record : undefined;

  return {
    async create(record) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: sessionItem(record),
          // Session ids are 128 random bits; a collision means a bug, not bad luck.
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },

    async find(sessionId, now = new Date()) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.session(sessionId), ConsistentRead: true }));
      return live(Item as SessionRecord | undefined, now);
    },

    async listActive(customerId, ended, limit, now = new Date()) {
      const customer = keys.sessionsOfCustomer(customerId).GSI1PK;
      // After a mark, the sessions it ended (all of them, for a customer who had thousands)
      // are not read at all: only those created from shortly before it on.
      return queryUntil<SessionRecord>(
        {
        IndexName: 'GSI1',
        ...(ended
          ? {
              KeyConditionExpression: 'GSI1PK = :customer AND GSI1SK >= :from',
              ExpressionAttributeValues: { ':customer': customer, ':from': keys.sessionListingFrom(new Date(ended.at - LISTING_MARGIN_MS).toISOString()) },
            }
          : { KeyConditionExpression: 'GSI1PK = :customer', ExpressionAttributeValues: { ':customer': customer } }),
        ScanIndexForward: false,
        // Ended sessions are skipped, so a page may hold fewer than it reads; a little over the
        // limit per page usually ends the listing in one call.
        Limit: limit + 10,
        },
        (record) => !record.revokedAt && live(record, now) !== undefined && !endedByMark(record.signInNumber, ended?.through),
        limit,
      );
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
      // One or two ids (a sign-out, a revoked session, the session a sign-in replaced): a
      // customer's sessions all end by a mark instead (customer-sessions.ts).
      await Promise.all(
        sessionIds.map((sessionId) =>
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
        ),
      );
    },
  };
}
