import { loadCartConfig } from '@shopgraph/cart';
import { loadCatalogConfig } from '@shopgraph/catalog';
import { loadCheckoutConfig } from '@shopgraph/checkout';
import { loadGatewayConfig } from '@shopgraph/gateway';
import { loadIdentityConfig } from '@shopgraph/identity';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const readRepoFile = (path: string) => readFileSync(`${REPO_ROOT}/${path}`, 'utf8');

type Env = Record<string, string | undefined>;

/** Each service image: its workspace, its configuration loader and the file that reads its environment. */
export const SERVICES = {
  gateway: { dir: 'gateway', load: (env: Env) => loadGatewayConfig(env), configFiles: ['gateway/src/config.ts'] },
  catalog: { dir: 'subgraphs/catalog', load: (env: Env) => loadCatalogConfig(env), configFiles: ['subgraphs/catalog/src/config.ts', 'shared/src/config/subgraph-env.ts'] },
  cart: { dir: 'subgraphs/cart', load: (env: Env) => loadCartConfig(env), configFiles: ['subgraphs/cart/src/config.ts', 'shared/src/config/subgraph-env.ts'] },
  checkout: { dir: 'subgraphs/checkout', load: (env: Env) => loadCheckoutConfig(env), configFiles: ['subgraphs/checkout/src/config.ts', 'shared/src/config/subgraph-env.ts'] },
  identity: { dir: 'subgraphs/identity', load: (env: Env) => loadIdentityConfig(env), configFiles: ['subgraphs/identity/src/config.ts', 'shared/src/config/subgraph-env.ts'] },
} as const;
export type ServiceName = keyof typeof SERVICES;

/**
 * The environment variable names a service reads: the keys of its zod schema, read from
 * its config source. zod drops unknown keys silently, so a misspelt variable in a deployment
 * file would otherwise go unnoticed.
 */
export function variablesRead(service: ServiceName): Set<string> {
  const names = SERVICES[service].configFiles.flatMap((file) => [...readRepoFile(file).matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]!));
  return new Set(names);
}

export interface DockerStage {
  name: string;
  from: string;
  lines: string[];
}

/** The Dockerfile's stages in order, each with its instructions (continuation lines joined). */
export function dockerStages(text: string): DockerStage[] {
  const instructions = text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: DockerStage[] = [];
  for (const line of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ name: from[2] ?? `stage-${stages.length}`, from: from[1]!, lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

/** A stage's instructions including those of the stages it is built FROM, parents first. */
export function effectiveLines(stages: DockerStage[], name: string): string[] {
  const stage = stages.find((candidate) => candidate.name === name);
  if (!stage) return [];
  return [...effectiveLines(stages, stage.from), ...stage.lines];
}
