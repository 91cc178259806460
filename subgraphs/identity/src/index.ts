export { loadIdentityConfig, type IdentityConfig } from './config.js';
export { createIdentityServer, type IdentityServerDeps } from './server.js';
