export { loadCartConfig, type CartConfig } from './config.js';
export { createCartServer, type CartServerDeps } from './server.js';
export { createCartRepository, type CartRepository } from './store/cart-repository.js';
export { createCatalogClient, type CatalogClient } from './catalog/catalog-client.js';
