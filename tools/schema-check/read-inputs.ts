import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readSubgraphSources } from '../compose/compose-supergraph.js';
import { SUPERGRAPH_PATH } from '../compose/subgraph-list.js';
import { resolveBaseline, type GitRunner } from './baseline.js';
import type { SchemaCheckConfig } from './config.js';
import type { OperationFile } from './operations.js';
import type { SchemaCheckInputs } from './run-check.js';

/** Reads every file the check needs under `root`, and the baseline from git or `baseFile`. */
export function readSchemaCheckInputs(root: string, config: SchemaCheckConfig, baseFile: string | undefined): SchemaCheckInputs {
  return {
    subgraphs: readSubgraphSources(root),
    committedSupergraph: readIfExists(join(root, SUPERGRAPH_PATH)),
    supergraphPath: SUPERGRAPH_PATH,
    baseline: resolveBaseline({
      ...(baseFile === undefined ? {} : { baseFile }),
      readBaseFile: (path) => readFileSync(resolve(path), 'utf8'),
      git: gitIn(root),
      mainBranch: config.mainBranch,
      supergraphPath: SUPERGRAPH_PATH,
    }),
    operationFiles: readOperationFiles(root, config.operationsDir),
    committedManifest: readIfExists(join(root, config.manifestPath)),
    config,
  };
}

/** Every *.graphql file in the operations folder, sorted, with paths relative to `root`. */
export function readOperationFiles(root: string, operationsDir: string): OperationFile[] {
  const folder = join(root, operationsDir);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => ({ path: relative(root, join(folder, file)), source: readFileSync(join(folder, file), 'utf8') }));
}

export function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function gitIn(root: string): GitRunner {
  return (args) => {
    try {
      return execFileSync('git', [...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
    } catch {
      return undefined;
    }
  };
}
