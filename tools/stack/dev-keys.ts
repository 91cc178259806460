import { generateKeys, type GeneratedKeys } from '@shopgraph/shared';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The local stack's keys, kept under .data/ (git-ignored) so sessions survive a restart.
 * Generated on first start on this machine; never used outside local development. A file
 * written before a key was added gets the missing keys, keeping the ones it has.
 */
export async function ensureDevKeys(path: string, log: (message: string) => void): Promise<GeneratedKeys> {
  const existing = existsSync(path) ? (JSON.parse(await readFile(path, 'utf8')) as Partial<GeneratedKeys>) : undefined;
  const fresh = await generateKeys(`dev-${Date.now().toString(36)}`);
  const keys = { ...fresh, ...existing };
  const missing = Object.keys(fresh).filter((name) => !existing || !(name in existing));
  if (missing.length === 0) return keys;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  log(
    existing
      ? `added development keys ${missing.join(', ')} to ${path}`
      : `generated development keys in ${path} (local development only; production keys come from configuration)`,
  );
  return keys;
}
