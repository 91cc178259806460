import { createDocumentClient } from '@shopgraph/shared/dynamo';
import { runService } from '@shopgraph/shared/server';
import { loadCatalogConfig } from './config.js';
import { createCatalogServer } from './server.js';

await runService({
  service: 'catalog',
  loadConfig: () => loadCatalogConfig(process.env),
  createServer: (config, logger) => createCatalogServer({ config, logger, dynamo: createDocumentClient(config.dynamodb) }),
});
