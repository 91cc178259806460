import { generateKeys, type GeneratedKeys } from '@shopgraph/shared';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The local stack's keys, kept under .data/ (git-ignored) so sessions survive a restart.
 * Generated on first start on this machine; never used outside local development.
 */
export async function ensureDevKeys(path: string, log: (message: string) => void): Promise<GeneratedKeys> {
  if (existsSync(path)) return JSON.parse(await readFile(path, 'utf8')) as GeneratedKeys;
  const keys = await generateKeys(`dev-${Date.now().toString(36)}`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  log(`generated development keys in ${path} (local development only; production keys come from configuration)`);
  return keys;
}
