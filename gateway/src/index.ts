export { loadGatewayConfig, type GatewayConfig } from './config.js';
export { createGatewayServer, type GatewayServer, type GatewayServerDeps } from './server.js';
export type { GatewayContext } from './context.js';
export { createRequestContext, type RequestContextDeps } from './request-context.js';
