import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from './compose/compose-supergraph.js';
import { REPO_ROOT, SUPERGRAPH_PATH } from './compose/subgraph-list.js';

const result = composeSupergraph();
if (!result.ok) {
  process.stderr.write(`Composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  process.exit(1);
}
for (const hint of result.hints) process.stdout.write(`hint: ${hint}\n`);
writeFileSync(join(REPO_ROOT, SUPERGRAPH_PATH), result.supergraphSdl);
process.stdout.write(`wrote ${SUPERGRAPH_PATH}\n`);
