import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backoff, MAX_BATCH_ROUNDS } from './backoff.js';

const BATCH_WRITE_LIMIT = 25;

/** Puts items 25 at a time, retrying `UnprocessedItems` with backoff. For seeding and bulk loads. */
export async function batchPutAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
): Promise<void> {
  for (let start = 0; start < items.length; start += BATCH_WRITE_LIMIT) {
    let pending = items.slice(start, start + BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } }));
    for (let round = 0; pending.length > 0; round++) {
      if (round >= MAX_BATCH_ROUNDS) throw new Error(`BatchWriteItem on ${tableName}: items still unprocessed after ${MAX_BATCH_ROUNDS} rounds`);
      if (round > 0) await backoff(round);
      const output = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (output.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
}
