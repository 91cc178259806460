import { createDocumentClient } from '@shopgraph/shared/dynamo';
import { runService } from '@shopgraph/shared/server';
import { loadCartConfig } from './config.js';
import { createCartServer } from './server.js';

await runService({
  service: 'cart',
  loadConfig: () => loadCartConfig(process.env),
  createServer: (config, logger) => createCartServer({ config, logger, dynamo: createDocumentClient(config.dynamodb) }),
});
