export { loadCatalogConfig, type CatalogConfig } from './config.js';
export { createCatalogServer, type CatalogServerDeps } from './server.js';
export { createCatalogRepository, type CatalogRepository } from './store/catalog-repository.js';
export { seedDemoCatalog, type DemoCatalogSummary } from './seed/seed-demo-catalog.js';
export type { Category, Money, Product, ProductVariant } from './domain/catalog-types.js';
