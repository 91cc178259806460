import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DYNAMODB_LOCAL_PACKAGE_INTEGRITY,
  DYNAMODB_LOCAL_PACKAGE_VERSION,
  ensureDynamoDbLocal,
} from '../../tools/dynamodb-local/fetch.js';
import { computeIntegrity, verifyIntegrity } from '../../tools/dynamodb-local/integrity.js';

describe('tarball integrity', () => {
  let dir: string;
  let file: string;
  const content = 'not really a tarball\n';
  const integrity = `sha512-${createHash('sha512').update(content).digest('base64')}`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'integrity-'));
    file = join(dir, 'package.tgz');
    await writeFile(file, content);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('computes the SRI sha512 string npm uses', async () => {
    expect(await computeIntegrity(file)).toBe(integrity);
  });

  it('accepts a file that matches', async () => {
    await expect(verifyIntegrity(file, integrity)).resolves.toBeUndefined();
  });

  it('refuses a file that does not match the pinned integrity', async () => {
    await expect(verifyIntegrity(file, DYNAMODB_LOCAL_PACKAGE_INTEGRITY, 'the emulator package')).rejects.toThrow(
      /Integrity mismatch for the emulator package: expected sha512-xTee.*got sha512-.*Refusing/,
    );
  });

  it('refuses integrity strings that are not sha512', async () => {
    const sha1 = `sha1-${createHash('sha1').update(content).digest('base64')}`;
    await expect(verifyIntegrity(file, sha1)).rejects.toThrow(/Only sha512/);
  });
});

describe('ensureDynamoDbLocal', () => {
  let cacheDir: string;
  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'ddb-cache-'));
  });
  afterAll(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('returns a complete cached emulator without fetching', async () => {
    const packageDir = join(cacheDir, `amplify-dynamodb-simulator-${DYNAMODB_LOCAL_PACKAGE_VERSION}`);
    await mkdir(join(packageDir, 'emulator'), { recursive: true });
    await writeFile(join(packageDir, 'emulator', 'DynamoDBLocal.jar'), 'stand-in');
    await writeFile(join(packageDir, '.complete'), 'stand-in');
    const messages: string[] = [];
    const result = await ensureDynamoDbLocal({ cacheDir, log: (message) => messages.push(message) });
    expect(result).toEqual({ emulatorDir: join(packageDir, 'emulator') });
    // Nothing was fetched or unpacked: a fetch would have logged and replaced the stand-in.
    expect(messages).toEqual([]);
  });
});
