import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import type {} from './provided-context.js';

/** A Redis connection and the key prefix that one test file owns. */
export interface TestRedis {
  client: Redis;
  /** `test:<fileTag>:<8 hex>:`; put every key the test writes under it. */
  prefix: string;
  /** Deletes every key under the prefix and closes the connection. Idempotent. */
  cleanup(): Promise<void>;
}

const SCAN_COUNT = 500;

/**
 * Connects to the run's Redis with a key prefix of this file's own, so files running in
 * parallel never see each other's keys. `fileTag` names the file (letters, digits, `.`, `_`, `-`).
 * Call `cleanup()` in afterAll.
 */
export function createTestRedis(fileTag: string, url: string = inject('redisUrl')): TestRedis {
  // Also keeps SCAN's MATCH pattern literal: none of these characters is a glob character.
  if (!/^[\w.-]+$/.test(fileTag)) {
    throw new Error(`createTestRedis: fileTag ${JSON.stringify(fileTag)} may hold only letters, digits, ".", "_" and "-"`);
  }
  const prefix = `test:${fileTag}:${randomBytes(4).toString('hex')}:`;
  const client = new Redis(url, { connectTimeout: 2_000, maxRetriesPerRequest: 1 });
  let cleaning: Promise<void> | undefined;
  const cleanup = () => {
    cleaning ??= deleteByPrefix(client, prefix).finally(() => client.quit().catch(() => client.disconnect()));
    return cleaning;
  };
  return { client, prefix, cleanup };
}

async function deleteByPrefix(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', SCAN_COUNT);
    // UNLINK frees memory in the background; the keys are gone for readers at once.
    if (keys.length > 0) await client.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
