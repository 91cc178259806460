import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSubgraphSdl, type SubgraphSource } from './compose-subgraphs.js';
import { REPO_ROOT, SUBGRAPHS } from './subgraph-list.js';

export type CompositionResult =
  | { ok: true; supergraphSdl: string; hints: string[] }
  | { ok: false; errors: string[] };

/** Reads every subgraph's schema.graphql under `root`. */
export function readSubgraphSources(root = REPO_ROOT): SubgraphSource[] {
  return SUBGRAPHS.map(({ name, schemaPath, url }) => ({ name, url, sdl: readFileSync(join(root, schemaPath), 'utf8') }));
}

/** Composes the subgraphs' SDL files in-process with @apollo/composition: no downloaded binaries. */
export function composeSupergraph(root = REPO_ROOT): CompositionResult {
  const result = composeSubgraphSdl(readSubgraphSources(root));
  if (!result.ok) {
    return { ok: false, errors: result.errors.map((error) => error.message) };
  }
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    hints: result.hints.map((hint) => `${hint.code}: ${hint.message}`),
  };
}
