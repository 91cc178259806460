import { parse, type DocumentNode } from 'graphql';
import { readFileSync } from 'node:fs';

/** Reads a subgraph's schema.graphql, the single source of truth for its SDL. */
export function readSchema(url: URL): DocumentNode {
  return parse(readFileSync(url, 'utf8'));
}
