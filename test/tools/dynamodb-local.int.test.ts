import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureDynamoDbLocal } from '../../tools/dynamodb-local/fetch.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../tools/dynamodb-local/run.js';

const execFileAsync = promisify(execFile);

function clientFor(endpoint: string, { region = 'us-east-1', accessKeyId = 'local' } = {}): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId, secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
  });
}

async function tableNames(endpoint: string, identity?: { region: string; accessKeyId: string }): Promise<string[]> {
  const client = clientFor(endpoint, identity);
  try {
    return (await client.send(new ListTablesCommand({}))).TableNames ?? [];
  } finally {
    client.destroy();
  }
}

async function createTable(endpoint: string, TableName: string): Promise<void> {
  const client = clientFor(endpoint);
  try {
    await client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
      }),
    );
  } finally {
    client.destroy();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

// Each start boots a JVM (about 4 s here), and files run two at a time on two cores.
describe('startDynamoDbLocal', { timeout: 60_000 }, () => {
  let emulatorDir: string;
  const started: DynamoDbLocal[] = [];
  const start = async (options: { dbPath?: string } = {}) => {
    const instance = await startDynamoDbLocal({ emulatorDir, ...options });
    started.push(instance);
    return instance;
  };

  beforeAll(async () => {
    ({ emulatorDir } = await ensureDynamoDbLocal());
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((instance) => instance.stop()));
  });

  it('starts in memory on a free loopback port and answers', async () => {
    const ddb = await start();
    expect(ddb.port).toBeGreaterThan(0);
    expect(ddb.endpoint).toBe(`http://127.0.0.1:${ddb.port}`);
    expect(await tableNames(ddb.endpoint)).toEqual([]);
  });

  it('shares one database across access keys and regions (-sharedDb)', async () => {
    const ddb = await start();
    await createTable(ddb.endpoint, 'seen-by-all');
    // DynamoDB Local 2.x accepts only letters and digits in an access key id.
    expect(await tableNames(ddb.endpoint, { region: 'eu-west-1', accessKeyId: 'AnotherService2' })).toEqual(['seen-by-all']);
  });

  it('runs two instances side by side without sharing data', async () => {
    const [first, second] = await Promise.all([start(), start()]);
    expect(first.port).not.toBe(second.port);
    await createTable(first.endpoint, 'only-in-first');
    expect(await tableNames(first.endpoint)).toEqual(['only-in-first']);
    expect(await tableNames(second.endpoint)).toEqual([]);
  });

  it('stop() ends the java process, and a second stop() is harmless', async () => {
    const ddb = await start();
    expect(isAlive(ddb.pid)).toBe(true);
    await ddb.stop();
    expect(isAlive(ddb.pid)).toBe(false);
    await expect(ddb.stop()).resolves.toBeUndefined();
    await expect(tableNames(ddb.endpoint)).rejects.toThrow();
  });

  it('does not outlive a parent that exits without calling stop()', async () => {
    const fixture = fileURLToPath(new URL('fixtures/start-then-exit.ts', import.meta.url));
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', fixture], { timeout: 45_000 });
    const pid = Number(stdout.trim());
    expect(pid).toBeGreaterThan(0);
    // SIGKILL is delivered at once, but the kernel may take a moment to reap the JVM.
    await expect.poll(() => isAlive(pid), { timeout: 5_000 }).toBe(false);
  });

  it('keeps tables across restarts when given a dbPath', async () => {
    const dbPath = await mkdtemp(join(tmpdir(), 'ddb-data-'));
    try {
      const before = await start({ dbPath });
      await createTable(before.endpoint, 'kept');
      await before.stop();
      const after = await start({ dbPath });
      expect(await tableNames(after.endpoint)).toEqual(['kept']);
    } finally {
      await Promise.all(started.splice(0).map((instance) => instance.stop()));
      await rm(dbPath, { recursive: true, force: true });
    }
  });

  it('refuses a port that is already taken instead of answering with the other server', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, resolve));
    const { port } = squatter.address() as AddressInfo;
    try {
      await expect(startDynamoDbLocal({ emulatorDir, port })).rejects.toThrow(new RegExp(`Cannot start DynamoDB Local on port ${port}.*EADDRINUSE`));
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('fails with the emulator output when it cannot start', async () => {
    const emptyDir = await mkdtemp(join(tmpdir(), 'no-emulator-'));
    try {
      await expect(startDynamoDbLocal({ emulatorDir: emptyDir })).rejects.toThrow(/exited \(code 1\)[\s\S]*Unable to access jarfile DynamoDBLocal\.jar/);
    } finally {
      await rm(emptyDir, { recursive: true, force: true });
    }
  });
});

afterAll(() => {
  // Guards the 'exit' handler bookkeeping: stopped instances must not leave listeners behind.
  expect(process.listenerCount('exit')).toBeLessThan(5);
});
