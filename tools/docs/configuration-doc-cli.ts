import { writeFileSync } from 'node:fs';
import { CONFIGURATION_DOC, CONFIGURATION_DOC_PATH, renderConfigurationDoc } from './configuration-doc.js';

// `npm run docs:configuration`: rewrites docs/configuration.md from the services' config schemas.
writeFileSync(CONFIGURATION_DOC_PATH, renderConfigurationDoc());
process.stdout.write(`wrote ${CONFIGURATION_DOC}\n`);
