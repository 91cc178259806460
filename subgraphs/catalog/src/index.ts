export { catalogEnvSchema, loadCatalogConfig, type CatalogConfig } from './config.js';
export { createCatalogServer, type CatalogServerDeps } from './server.js';
export { createCatalogRepository, type CatalogRepository } from './store/catalog-repository.js';
export { inChunks, seedDemoCatalog, type DemoCatalogSummary, type SeedOptions } from './seed/seed-demo-catalog.js';
export { generateDemoCatalog, type DemoCatalog } from './seed/generate-demo-catalog.js';
export { channels as catalogChannels } from './store/keys.js';
export type { Category, Money, Product, ProductVariant } from './domain/catalog-types.js';
