import { readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine } from '../engine.js';
import { runChecked, runCommand } from '../run-command.js';
import { aptMirrorFor } from './apt-mirror.js';
import { recipeHash, STAND_IN_LABEL } from './recipes.js';

const SUITE = 'bookworm';
/** Left out of the image, as Debian's slim images do: apt's downloads and lists, docs, manuals, translations. */
const TRIMMED = ['var/cache/apt/archives', 'var/lib/apt/lists', 'usr/share/doc', 'usr/share/man', 'usr/share/locale', 'usr/share/info'];
/** Later apt installs in the stand-ins leave the same paths out. */
const DPKG_EXCLUDES = ['/usr/share/doc/*', '/usr/share/man/*', '/usr/share/locale/*', '/usr/share/info/*'].map((path) => `path-exclude=${path}`).join('\n');

async function aptSourceTexts(): Promise<string[]> {
  const texts: string[] = [];
  for (const path of ['/etc/apt/sources.list']) texts.push(await readFile(path, 'utf8').catch(() => ''));
  const dir = '/etc/apt/sources.list.d';
  for (const name of (await readdir(dir).catch(() => [] as string[])).sort()) texts.push(await readFile(join(dir, name), 'utf8').catch(() => ''));
  return texts;
}

/**
 * `debootstrap --variant=minbase bookworm` from the mirror apt already uses, trimmed and
 * imported as a local image; returns its reference. Kept in the engine's image store under a
 * tag naming the recipe's hash, so a later run finds it and does nothing.
 */
export async function ensureMinbase(engine: Engine, workDir: string, log: (message: string) => void): Promise<string> {
  const mirror = aptMirrorFor(await aptSourceTexts(), SUITE);
  if (!mirror) throw new Error(`no apt source for ${SUITE} main in /etc/apt/sources.list*: debootstrap needs the Debian mirror apt uses`);
  const hash = recipeHash(JSON.stringify({ suite: SUITE, mirror, trimmed: TRIMMED, excludes: DPKG_EXCLUDES }));
  const ref = `localhost/shopgraph-stand-in/${SUITE}-minbase:${hash}`;
  if ((await engine.run(['image', 'exists', ref])).code === 0) return ref;
  try {
    await runCommand('debootstrap', ['--version'], { env: engine.env });
  } catch {
    throw new Error('the base images cannot be pulled and debootstrap is missing to make stand-ins: apt-get install -y debootstrap');
  }
  const rootfs = join(workDir, `rootfs-${hash}`);
  await rm(rootfs, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  log(`debootstrap --variant=minbase ${SUITE} from ${mirror} (about 30 s)`);
  try {
    await runChecked('debootstrap', ['--variant=minbase', SUITE, rootfs, mirror], { env: engine.env, timeoutMs: 15 * 60_000 });
    for (const path of TRIMMED) await rm(join(rootfs, path), { recursive: true, force: true });
    for (const path of TRIMMED) await mkdir(join(rootfs, path, path.endsWith('archives') ? 'partial' : ''), { recursive: true });
    await writeFile(join(rootfs, 'etc/dpkg/dpkg.cfg.d/shopgraph-slim'), `${DPKG_EXCLUDES}\n`);
    await runChecked('tar', ['-C', rootfs, '--numeric-owner', '-cf', `${rootfs}.tar`, '.'], { env: engine.env, timeoutMs: 5 * 60_000 });
    await engine.runChecked(['import', '--change', `LABEL ${STAND_IN_LABEL}=${hash}`, '--change', 'CMD ["bash"]', `${rootfs}.tar`, ref], { timeoutMs: 5 * 60_000 });
    log(`imported ${ref}`);
    return ref;
  } finally {
    await rm(rootfs, { recursive: true, force: true });
    await rm(`${rootfs}.tar`, { force: true });
  }
}
