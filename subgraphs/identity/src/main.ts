import { createDocumentClient } from '@shopgraph/shared/dynamo';
import { runService } from '@shopgraph/shared/server';
import { loadIdentityConfig } from './config.js';
import { createIdentityServer } from './server.js';

await runService({
  service: 'identity',
  loadConfig: () => loadIdentityConfig(process.env),
  createServer: (config, logger) => createIdentityServer({ config, logger, dynamo: createDocumentClient(config.dynamodb) }),
});
