import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './compose/subgraph-list.js';
import { buildManifest, CONFIG_PATH, collectOperations, knownHintCodes, loadConfig, printManifest, readOperationFiles } from './schema-check/index.js';

// Rewrites the persisted-operations manifest from clients/operations/*.graphql.
const config = loadConfig(join(REPO_ROOT, CONFIG_PATH), knownHintCodes());
const { operations, findings } = collectOperations(readOperationFiles(REPO_ROOT, config.operationsDir));
if (findings.length > 0) {
  process.stderr.write(`Cannot build the manifest:\n${findings.map((finding) => `  - ${finding.message}`).join('\n')}\n`);
  process.exit(1);
}
writeFileSync(join(REPO_ROOT, config.manifestPath), printManifest(buildManifest(operations)));
process.stdout.write(`wrote ${config.manifestPath} (${operations.length} operations)\n`);
