import { DescribeTableCommand, DescribeTimeToLiveCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { tableDefinitions } from '@shopgraph/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTables, type TestTables } from '../support/dynamo.js';

describe('createTestTables', () => {
  let tables: TestTables<'identity' | 'catalog' | 'cart'>;
  beforeAll(async () => {
    tables = await createTestTables(['identity', 'catalog', 'cart']);
  });
  afterAll(async () => {
    await tables.drop();
  });

  it('names each table uniquely for this call', () => {
    expect(tables.names.identity).toMatch(/^test-[0-9a-f]{8}-identity$/);
    const run = tables.names.identity.split('-')[1];
    expect(tables.names.catalog).toBe(`test-${run}-catalog`);
    expect(tables.names.cart).toBe(`test-${run}-cart`);
  });

  it('creates the keys and GSIs of the shared definitions', async () => {
    for (const key of ['identity', 'catalog', 'cart'] as const) {
      const { Table } = await tables.client.send(new DescribeTableCommand({ TableName: tables.names[key] }));
      const definition = tableDefinitions[key];
      expect(Table?.TableStatus).toBe('ACTIVE');
      expect(Table?.KeySchema).toEqual([
        { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: definition.sortKey.name, KeyType: 'RANGE' },
      ]);
      const indexes = (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({ name: index.IndexName, keys: index.KeySchema }));
      expect(indexes).toEqual(
        definition.globalSecondaryIndexes.map((index) => ({
          name: index.indexName,
          keys: [
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
            { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
          ],
        })),
      );
    }
    // The fixture must exercise a GSI, or the loop above proves nothing about them.
    expect(tableDefinitions.identity.globalSecondaryIndexes.length).toBeGreaterThan(0);
  });

  it('enables TTL on the definitions that have one, and only those', async () => {
    const ttl = async (name: string) =>
      (await tables.client.send(new DescribeTimeToLiveCommand({ TableName: name }))).TimeToLiveDescription;
    expect(await ttl(tables.names.identity)).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: tableDefinitions.identity.timeToLiveAttribute });
    expect(await ttl(tables.names.cart)).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: tableDefinitions.cart.timeToLiveAttribute });
    expect((await ttl(tables.names.catalog))?.TimeToLiveStatus).toBe('DISABLED');
  });

  it('refuses an endpoint that is not loopback before sending anything', async () => {
    // A reserved .invalid name: should the guard ever break, this test still sends nothing anywhere.
    await expect(createTestTables(['cart'], { endpoint: 'http://dynamodb.invalid:8000' })).rejects.toThrow(
      /Refusing test endpoint http:\/\/dynamodb\.invalid:8000: dynamodb\.invalid is not a loopback host/,
    );
  });
});

describe('TestTables.drop', () => {
  it('deletes the tables it created and is idempotent', async () => {
    const tables = await createTestTables(['checkout']);
    const name = tables.names.checkout;
    const probe = await createTestTables([]);
    try {
      await tables.drop();
      await tables.drop();
      await expect(probe.client.send(new DescribeTableCommand({ TableName: name }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    } finally {
      await probe.drop();
    }
  });
});
