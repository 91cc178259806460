import { runService } from '@shopgraph/shared/server';
import { loadGatewayConfig } from './config.js';
import { createGatewayServer } from './server.js';

await runService({
  service: 'gateway',
  loadConfig: () => loadGatewayConfig(process.env),
  createServer: (config, logger) => createGatewayServer({ config, logger }),
});
