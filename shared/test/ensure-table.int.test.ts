import { DeleteTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableDefinitions } from '@shopgraph/shared';
import { ensureTable, tableReadinessCheck } from '@shopgraph/shared/dynamo';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTables, type TestTables } from '../../test/support/dynamo.js';

describe('ensureTable', () => {
  // No tables of its own from the helper: it supplies the checked loopback client, and this file names its tables.
  let tables: TestTables<never>;
  let client: DynamoDBDocumentClient;
  const run = randomBytes(4).toString('hex');
  const created: string[] = [];
  const nameFor = (suffix: string) => {
    const name = `test-${run}-${suffix}`;
    created.push(name);
    return name;
  };

  beforeAll(async () => {
    tables = await createTestTables([]);
    client = tables.client;
  });
  afterAll(async () => {
    await Promise.all(created.map((TableName) => client.send(new DeleteTableCommand({ TableName })).catch(() => undefined)));
    await tables.drop();
  });

  it('when the table is missing, then it is created active; called again, it reports that the table exists', async () => {
    const name = nameFor('catalog');
    expect(await ensureTable(client, tableDefinitions.catalog, name)).toBe('created');
    expect(await ensureTable(client, tableDefinitions.catalog, name)).toBe('exists');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['GSI1']);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('when the definition has a TTL attribute, then TTL is enabled on it', async () => {
    const name = nameFor('cart');
    expect(await ensureTable(client, tableDefinitions.cart, name)).toBe('created');
    const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
    expect(TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
  });

  it('when two callers race to create a table with TTL, then both succeed, one of them created it, and TTL is on', async () => {
    const name = nameFor('race');
    const results = await Promise.all([
      ensureTable(client, tableDefinitions.cart, name),
      ensureTable(client, tableDefinitions.cart, name),
    ]);
    expect(results.sort()).toEqual(['created', 'exists']);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
    expect(TimeToLiveDescription?.TimeToLiveStatus).toBe('ENABLED');
  });

  it('when the table exists, then its readiness check passes; when it does not, then the check fails', async () => {
    const name = nameFor('ready');
    await ensureTable(client, tableDefinitions.catalog, name);
    const ready = tableReadinessCheck(client, name);
    expect(ready).toMatchObject({ name: `dynamodb:${name}`, critical: true });
    await expect(ready.probe()).resolves.toBeUndefined();
    await expect(tableReadinessCheck(client, `test-${run}-absent`).probe()).rejects.toThrow();
  });
});
