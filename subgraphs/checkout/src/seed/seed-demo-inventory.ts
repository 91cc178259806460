import { createHash } from 'node:crypto';
import type { InventoryRepository } from '../store/inventory-repository.js';

/**
 * Deterministic demo stock: each variant's level comes from a hash of its id, so the same
 * catalog always gets the same stock. About one variant in eight is sold out, so storefronts
 * show both states.
 */
export function demoStockLevel(variantId: string): number {
  const byte = createHash('sha256').update(variantId).digest()[0] as number;
  return byte % 8 === 0 ? 0 : 1 + (byte % 40);
}

export async function seedDemoInventory(inventory: InventoryRepository, variantIds: readonly string[]): Promise<void> {
  await inventory.putQuantities(new Map(variantIds.map((id) => [id, demoStockLevel(id)])));
}
