import { readFileSync } from 'node:fs';

/**
 * The gateway serves only the committed, composed supergraph file: what CI checked is what
 * runs. Polling or introspecting subgraphs is never done here.
 */
export function readSupergraph(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the supergraph at ${path} (run \`npm run compose\`): ${(error as Error).message}`, { cause: error });
  }
}
