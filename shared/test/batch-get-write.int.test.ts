import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { BATCH_GET_LIMIT, batchGetAll, batchPutAll, createDocumentClient, type ItemKey } from '@shopgraph/shared/dynamo';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestTables, type TestTables } from '../../test/support/dynamo.js';

/** Counts the commands a document client sends, by name, as seen by its middleware stack. */
function countCommands(client: DynamoDBDocumentClient): Map<string, number> {
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName);
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  return counts;
}

const product = (i: number) => ({
  PK: `PRODUCT#p-${String(i).padStart(4, '0')}`,
  SK: 'PRODUCT',
  title: `Product ${i}`,
  priceCents: 100 + i,
});

const keyOf = (item: { PK: unknown; SK: unknown }): ItemKey => ({ PK: String(item.PK), SK: String(item.SK) });

describe('batchPutAll and batchGetAll', () => {
  let tables: TestTables<'catalog'>;
  let client: DynamoDBDocumentClient;
  let counts: Map<string, number>;
  let writeCalls: number;
  const items = Array.from({ length: 230 }, (_, i) => product(i));

  beforeAll(async () => {
    tables = await createTestTables(['catalog']);
    // A client of our own, so the counting middleware sees only this file's calls.
    client = createDocumentClient({ region: 'us-east-1', endpoint: tables.endpoint, requestTimeoutMs: 10_000 });
    counts = countCommands(client);
    await batchPutAll(client, tables.names.catalog, items);
    writeCalls = counts.get('BatchWriteItemCommand') ?? 0;
  });
  afterAll(async () => {
    client.destroy();
    await tables.drop();
  });
  beforeEach(() => {
    counts.clear();
  });

  it('when 230 items are put, then they are written 25 to a call, and all of them are stored', async () => {
    expect(writeCalls).toBe(10);
    const back = await batchGetAll(client, tables.names.catalog, items.map(keyOf));
    expect(back).toHaveLength(230);
  });

  it('when 230 keys are read, then every item comes back exactly once from 3 BatchGetItem calls', async () => {
    const back = await batchGetAll(client, tables.names.catalog, items.map(keyOf));
    expect(counts.get('BatchGetItemCommand')).toBe(3);
    expect(back).toHaveLength(230);
    const byPk = new Map(back.map((item) => [String(item['PK']), item]));
    expect(byPk.size).toBe(230);
    for (const item of items) expect(byPk.get(item.PK)).toEqual(item);
  });

  it('when 230 keys are read with 3 calls in flight, then the 3 calls overlap and every item still comes back once', async () => {
    const bulk = createDocumentClient({ region: 'us-east-1', endpoint: tables.endpoint, requestTimeoutMs: 10_000 });
    let inFlight = 0;
    let most = 0;
    bulk.middlewareStack.add(
      (next) => async (args) => {
        most = Math.max(most, ++inFlight);
        try {
          return await next(args);
        } finally {
          inFlight--;
        }
      },
      { step: 'initialize', name: 'countInFlight' },
    );
    try {
      const back = await batchGetAll(bulk, tables.names.catalog, items.map(keyOf), { callsInFlight: 3, consistentRead: true });
      expect(new Set(back.map((item) => String(item['PK']))).size).toBe(230);
      expect(back).toHaveLength(230);
      expect(most).toBe(3);
    } finally {
      bulk.destroy();
    }
  });

  it('when exactly 100 keys are read, then one call suffices', async () => {
    expect(BATCH_GET_LIMIT).toBe(100);
    const back = await batchGetAll(client, tables.names.catalog, items.slice(0, 100).map(keyOf));
    expect(back).toHaveLength(100);
    expect(counts.get('BatchGetItemCommand')).toBe(1);
  });

  it('when no keys are given, then nothing is sent and nothing comes back', async () => {
    expect(await batchGetAll(client, tables.names.catalog, [])).toEqual([]);
    await batchPutAll(client, tables.names.catalog, []);
    expect(counts.size).toBe(0);
  });

  it('when some keys do not exist, then only the existing items come back', async () => {
    const keys = [keyOf(items[0] ?? product(0)), { PK: 'PRODUCT#missing', SK: 'PRODUCT' }];
    const back = await batchGetAll(client, tables.names.catalog, keys);
    expect(back.map((item) => item['PK'])).toEqual([items[0]?.PK]);
  });

  it('when DynamoDB leaves keys unprocessed, then they are asked for again until every item is in', async () => {
    // DynamoDB Local never throttles, so the first answer is cut in two here, as a throttled one would be.
    let calls = 0;
    const throttled = Object.create(client) as DynamoDBDocumentClient;
    const send = async (command: BatchGetCommand) => {
      calls++;
      const requested = command.input.RequestItems?.[tables.names.catalog]?.Keys ?? [];
      if (calls > 1) return client.send(command);
      const half = Math.ceil(requested.length / 2);
      const output = await client.send(
        new BatchGetCommand({ RequestItems: { [tables.names.catalog]: { Keys: requested.slice(0, half) } } }),
      );
      return { ...output, UnprocessedKeys: { [tables.names.catalog]: { Keys: requested.slice(half) } } };
    };
    Object.assign(throttled, { send });

    const keys = items.slice(0, 40).map(keyOf);
    const back = await batchGetAll(throttled, tables.names.catalog, keys);
    expect(calls).toBe(2);
    expect(back.map((item) => item['PK']).sort()).toEqual(keys.map((key) => key.PK).sort());
  });

  it('when keys stay unprocessed round after round, then it gives up with an error naming the table', async () => {
    const stuck = Object.create(client) as DynamoDBDocumentClient;
    Object.assign(stuck, {
      send: async (command: BatchGetCommand) => ({
        Responses: { [tables.names.catalog]: [] },
        UnprocessedKeys: command.input.RequestItems,
      }),
    });
    await expect(batchGetAll(stuck, tables.names.catalog, [{ PK: 'PRODUCT#x', SK: 'PRODUCT' }])).rejects.toThrow(
      new RegExp(`BatchGetItem on ${tables.names.catalog}: keys still unprocessed`),
    );
  });

  it('when an item is put again, then it replaces the stored one', async () => {
    const changed = { ...product(0), title: 'Renamed' };
    await batchPutAll(client, tables.names.catalog, [changed]);
    expect(await batchGetAll(client, tables.names.catalog, [keyOf(changed)])).toEqual([changed]);
  });
});
