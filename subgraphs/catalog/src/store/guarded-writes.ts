import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { CatalogUserErrorCode, CatalogWriteError } from '../errors.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One operation of a transaction, and what it means when its condition fails. */
export interface GuardedWrite {
  write: TransactItem;
  /** The error to answer with: a CatalogWriteError, or StaleReadError to read again and retry. */
  onConditionFailed: () => Error;
}

/**
 * What was read moved on before the write (a version, a slug item): read again and plan again.
 * Never leaves the repository; after the last attempt it becomes VERSION_CONFLICT.
 */
export class StaleReadError extends Error {}

const stale = () => new StaleReadError('read moved on');

/**
 * Runs the writes as one transaction. A failed condition is answered with the error its write
 * names (the first, in order); a transaction that lost a race with another one on the same
 * items (`TransactionConflict`) is a stale read.
 */
export async function transact(client: DynamoDBDocumentClient, writes: readonly GuardedWrite[]): Promise<void> {
  try {
    await client.send(new TransactWriteCommand({ TransactItems: writes.map((guarded) => guarded.write) }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
    throw failed >= 0 ? (writes[failed] as GuardedWrite).onConditionFailed() : stale();
  }
}

const ATTEMPTS = 4;

/**
 * Read, plan and write again while the read goes stale under concurrent writers. A caller that
 * named `expectedVersion` gets VERSION_CONFLICT from its own check on the re-read instead.
 */
export async function retryingStaleReads<T>(attempt: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StaleReadError)) throw error;
      if (round >= ATTEMPTS) {
        throw new CatalogWriteError(CatalogUserErrorCode.VERSION_CONFLICT, 'It kept changing under other writers; nothing was written. Try again.', ['id']);
      }
    }
  }
}

/**
 * The condition that an item still has the version that was read. Items written before
 * versions existed have none, which reads as 0; `attribute_exists(PK)` keeps a deleted item
 * from passing as version 0.
 */
export function versionIs(version: number): { ConditionExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown> } {
  return {
    ConditionExpression: version === 0 ? 'attribute_exists(PK) AND (attribute_not_exists(#version) OR #version = :read)' : '#version = :read',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':read': version },
  };
}

/** The write a change hangs on: its condition failing means the read is stale. */
export function staleUnless(write: TransactItem): GuardedWrite {
  return { write, onConditionFailed: stale };
}

export function refusedWith(write: TransactItem, error: () => Error): GuardedWrite {
  return { write, onConditionFailed: error };
}

/** A strongly consistent read: plans are made from the latest committed state. */
export async function readItem<T>(client: DynamoDBDocumentClient, tableName: string, key: Record<string, string>): Promise<T | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return Item as T | undefined;
}
