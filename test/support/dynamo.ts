import { randomBytes } from 'node:crypto';
import { DeleteTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableDefinitions, type TableKey } from '@shopgraph/shared';
import { createDocumentClient, ensureTable } from '@shopgraph/shared/dynamo';
import { inject } from 'vitest';
import { assertLoopbackEndpoint } from './loopback-endpoint.js';
import type {} from './provided-context.js';

/** Tables that one test file owns, on the run's DynamoDB Local. */
export interface TestTables<K extends TableKey = TableKey> {
  client: DynamoDBDocumentClient;
  endpoint: string;
  /** Physical names, `test-<8 hex>-<key>`, unique to this call. */
  names: Record<K, string>;
  /** Deletes the tables and closes the client. Idempotent. */
  drop(): Promise<void>;
}

/** Overrides for `createTestTables`; tests normally pass none. */
export interface CreateTestTablesOptions {
  /** Defaults to the endpoint that global-setup started; must be loopback either way. */
  endpoint?: string;
}

/**
 * Creates the given tables, with their real definitions (keys, GSIs, TTL), under names of
 * their own, so test files run in parallel on one DynamoDB Local without seeing each other.
 * Call `drop()` in afterAll.
 */
export async function createTestTables<K extends TableKey>(keys: readonly K[], { endpoint = inject('dynamodbEndpoint') }: CreateTestTablesOptions = {}): Promise<TestTables<K>> {
  assertLoopbackEndpoint(endpoint);
  // Generous per-request budget: on a 2-core machine several files create tables at once.
  const client = createDocumentClient({ region: 'us-east-1', endpoint, requestTimeoutMs: 10_000 });
  const run = randomBytes(4).toString('hex');
  const names = Object.fromEntries(keys.map((key) => [key, `test-${run}-${key}`])) as Record<K, string>;
  try {
    await Promise.all(keys.map((key) => ensureTable(client, tableDefinitions[key], names[key])));
  } catch (error) {
    await deleteTables(client, Object.values<string>(names)).catch(() => undefined);
    client.destroy();
    throw error;
  }
  let dropping: Promise<void> | undefined;
  const drop = () => {
    dropping ??= deleteTables(client, Object.values<string>(names)).finally(() => client.destroy());
    return dropping;
  };
  return { client, endpoint, names, drop };
}

async function deleteTables(client: DynamoDBDocumentClient, tableNames: string[]): Promise<void> {
  await Promise.all(
    tableNames.map(async (TableName) => {
      try {
        await client.send(new DeleteTableCommand({ TableName }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    }),
  );
}
