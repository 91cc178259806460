export { loadCheckoutConfig, type CheckoutConfig } from './config.js';
export { createCheckoutServer, type CheckoutServerDeps } from './server.js';
export { createInventoryRepository, type InventoryRepository } from './store/inventory-repository.js';
export { demoStockLevel, seedDemoInventory } from './seed/seed-demo-inventory.js';
