export { createStorefrontServer, type StorefrontServer, type StorefrontServerOptions } from './server/storefront-server.js';
