export { loadGatewayConfig, type GatewayConfig } from './config.js';
export { createGatewayServer, type GatewayServer, type GatewayServerDeps } from './server.js';
export type { GatewayContext } from './context.js';
