import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINIMUM_JAVA_MAJOR, assertJava } from '../../tools/dynamodb-local/java.js';

describe('assertJava', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fake-java-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A stand-in `java` executable; `sh` exists wherever DynamoDB Local runs. */
  async function fakeJava(name: string, script: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, `#!/bin/sh\n${script}\n`);
    await chmod(path, 0o755);
    return path;
  }

  it('accepts the Java installed on this machine', async () => {
    const java = await assertJava();
    expect(java.major).toBeGreaterThanOrEqual(MINIMUM_JAVA_MAJOR);
    expect(java.versionLine).toMatch(/version "/);
  });

  it('says what to install when java is missing', async () => {
    await expect(assertJava({ command: join(dir, 'no-such-java') })).rejects.toThrow(
      /Java was not found.*apt-get install -y openjdk-17-jre-headless/,
    );
  });

  it('refuses a Java older than 17, with the install hint', async () => {
    const java8 = await fakeJava('java8', `echo 'java version "1.8.0_292"' >&2`);
    await expect(assertJava({ command: java8 })).rejects.toThrow(/needs Java 17 or newer.*Java 8 .*apt-get install -y openjdk-17-jre-headless/);
  });

  it('gives up on a java that hangs instead of hanging itself', async () => {
    const stuck = await fakeJava('stuck', 'exec sleep 30');
    await expect(assertJava({ command: stuck, timeoutMs: 300 })).rejects.toThrow(/did not finish within 300 ms/);
  });
});
