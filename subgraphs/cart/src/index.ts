export { cartEnvSchema, loadCartConfig, type CartConfig } from './config.js';
export { createCartServer, type CartServerDeps } from './server.js';
export { createCartRepository, type CartRepository } from './store/cart-repository.js';
export { createCatalogClient, type CatalogClient } from './peers/catalog-client.js';
export { createStockClient, type StockClient } from './peers/stock-client.js';
