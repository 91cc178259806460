import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inParallel } from '../async/in-parallel.js';
import { backoff, MAX_BATCH_ROUNDS } from './backoff.js';

/** DynamoDB refuses a BatchGetItem of more than 100 keys. */
export const BATCH_GET_LIMIT = 100;

export type ItemKey = Record<string, string>;

/**
 * Reads any number of items by key: chunks of 100, and `UnprocessedKeys` (throttling, or the
 * 16 MB response cap) retried with exponential backoff and jitter. Items come back in no
 * particular order; callers index them by key.
 */
export async function batchGetAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
  {
    consistentRead = false,
    callsInFlight = 1,
  }: {
    /** Strongly consistent reads: an item written a moment ago is not missed. */
    consistentRead?: boolean;
    /** Chunks read at once: 1 for a request's few keys, more for a bulk job's thousands. */
    callsInFlight?: number;
  } = {},
): Promise<Record<string, unknown>[]> {
  const chunks: ItemKey[][] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT) chunks.push(keys.slice(start, start + BATCH_GET_LIMIT));
  const items: Record<string, unknown>[] = [];
  await inParallel(chunks, callsInFlight, async (chunk) => {
    let pending = chunk;
    for (let round = 0; pending.length > 0; round++) {
      if (round >= MAX_BATCH_ROUNDS) throw new Error(`BatchGetItem on ${tableName}: keys still unprocessed after ${MAX_BATCH_ROUNDS} rounds`);
      if (round > 0) await backoff(round);
      const output = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: consistentRead } } }));
      items.push(...(output.Responses?.[tableName] ?? []));
      pending = (output.UnprocessedKeys?.[tableName]?.Keys ?? []) as ItemKey[];
    }
  });
  return items;
}
