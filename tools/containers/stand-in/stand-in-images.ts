import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine } from '../engine.js';
import { ensureMinbase } from './minbase.js';
import { prepareNodeContext } from './node-context.js';
import { qualifiedRef, STAND_IN_LABEL, standInContainerfile, standInKind, type RecipeInputs } from './recipes.js';

/** How an image the project names came to be there. */
export interface BaseImage {
  ref: string;
  source: 'present' | 'pulled' | 'stand-in (cached)' | 'stand-in (built)';
  seconds: number;
}

export interface BaseImageOptions {
  /** `.cache/containers`: downloads and build contexts. */
  cacheDir: string;
  /** The project's cached DynamoDB Local folder (DynamoDBLocal.jar and DynamoDBLocal_lib). */
  dynamoDbLocalDir: string;
  log: (message: string) => void;
}

const PULL_TIMEOUT_MS = 10 * 60_000;
const BUILD_TIMEOUT_MS = 20 * 60_000;

async function standInHash(engine: Engine, ref: string): Promise<string | undefined | null> {
  const inspect = await engine.run(['image', 'inspect', '--format', `{{ index .Config.Labels "${STAND_IN_LABEL}" }}`, ref]);
  if (inspect.code !== 0) return null; // not in the store
  const value = inspect.stdout.trim();
  return value === '' || value === '<no value>' ? undefined : value;
}

/**
 * Makes sure every image in `refs` is in the engine's store: a real one already there is used;
 * otherwise a pull is tried first (where a registry answers, the stand-in is never made); when
 * that fails, a stand-in whose recipe matches is reused, or one is built, one at a time.
 */
export async function ensureBaseImages(engine: Engine, refs: readonly string[], options: BaseImageOptions): Promise<BaseImage[]> {
  const results: BaseImage[] = [];
  let minbase: string | undefined;
  for (const ref of refs) {
    const started = Date.now();
    const qualified = qualifiedRef(ref);
    const seconds = () => (Date.now() - started) / 1000;
    const present = await standInHash(engine, qualified);
    if (present === undefined) {
      results.push({ ref: qualified, source: 'present', seconds: seconds() });
      continue;
    }
    const pull = await engine.run(['pull', '-q', qualified], { timeoutMs: PULL_TIMEOUT_MS });
    if (pull.code === 0) {
      options.log(`pulled ${qualified}`);
      results.push({ ref: qualified, source: 'pulled', seconds: seconds() });
      continue;
    }
    const kind = standInKind(qualified);
    if (!kind) throw new Error(`${qualified} cannot be pulled (${pull.stderr.trim().split('\n').at(-1)}) and has no stand-in recipe`);
    minbase ??= await ensureMinbase(engine, options.cacheDir, options.log);
    const contextDir = join(options.cacheDir, `context-${kind}`);
    const inputs: RecipeInputs = { minbase };
    if (kind === 'node') Object.assign(inputs, await prepareNodeContext(contextDir, join(options.cacheDir, 'downloads'), options.log));
    const containerfile = standInContainerfile(kind, inputs);
    const wantedHash = /LABEL \S+="(\w+)"/.exec(containerfile)![1];
    if (present === wantedHash) {
      results.push({ ref: qualified, source: 'stand-in (cached)', seconds: seconds() });
      continue;
    }
    options.log(`${qualified} cannot be pulled: building a stand-in (${kind}) from Debian packages`);
    const fileDir = join(options.cacheDir, `containerfile-${kind}`);
    await mkdir(fileDir, { recursive: true });
    await writeFile(join(fileDir, 'Containerfile'), containerfile);
    const context = kind === 'node' ? contextDir : kind === 'dynamodb-local' ? options.dynamoDbLocalDir : fileDir;
    const previous = present === null ? undefined : (await engine.run(['image', 'inspect', '--format', '{{.Id}}', qualified])).stdout.trim();
    await engine.runChecked(['build', '-f', join(fileDir, 'Containerfile'), '-t', qualified, context], { timeoutMs: BUILD_TIMEOUT_MS });
    // The stand-in this one replaces (an older recipe) is ours to remove; nothing else is touched.
    if (previous) await engine.run(['rmi', previous]);
    if (kind === 'node') await rm(contextDir, { recursive: true, force: true });
    results.push({ ref: qualified, source: 'stand-in (built)', seconds: seconds() });
  }
  return results;
}
