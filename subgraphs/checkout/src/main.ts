import { createDocumentClient } from '@shopgraph/shared/dynamo';
import { runService } from '@shopgraph/shared/server';
import { loadCheckoutConfig } from './config.js';
import { createCheckoutServer } from './server.js';

await runService({
  service: 'checkout',
  loadConfig: () => loadCheckoutConfig(process.env),
  createServer: (config, logger) => createCheckoutServer({ config, logger, dynamo: createDocumentClient(config.dynamodb) }),
});
