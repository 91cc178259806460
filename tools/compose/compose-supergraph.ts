import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, SUBGRAPHS } from './subgraph-list.js';

export type CompositionResult =
  | { ok: true; supergraphSdl: string; hints: string[] }
  | { ok: false; errors: string[] };

const HEADER = '# Composed from subgraphs/*/schema.graphql by `npm run compose`. Do not edit by hand.\n';

/** Composes the subgraphs' SDL files in-process with @apollo/composition: no downloaded binaries. */
export function composeSupergraph(root = REPO_ROOT): CompositionResult {
  const services = SUBGRAPHS.map(({ name, schemaPath, url }) => ({
    name,
    url,
    typeDefs: parse(readFileSync(join(root, schemaPath), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors) {
    return { ok: false, errors: result.errors.map((error) => error.message) };
  }
  return {
    ok: true,
    supergraphSdl: `${HEADER}${result.supergraphSdl}\n`,
    hints: result.hints.map((hint) => `${hint.definition.code}: ${hint.message}`),
  };
}
