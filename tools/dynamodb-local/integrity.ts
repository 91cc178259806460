import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** The SRI string (`sha512-<base64>`) of a file, the form npm's lockfile and registry use. */
export async function computeIntegrity(filePath: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return `sha512-${hash.digest('base64')}`;
}

/**
 * Refuses a file whose sha512 differs from the expected SRI string. The emulator is a jar we
 * execute, so a tarball that is not byte for byte the one we pinned is never unpacked.
 */
export async function verifyIntegrity(filePath: string, expected: string, what = filePath): Promise<void> {
  if (!expected.startsWith('sha512-')) {
    throw new Error(`Only sha512 integrity is accepted, got ${JSON.stringify(expected)}`);
  }
  const actual = await computeIntegrity(filePath);
  if (actual !== expected) {
    throw new Error(`Integrity mismatch for ${what}: expected ${expected}, got ${actual}. Refusing to use it.`);
  }
}
