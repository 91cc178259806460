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

const CHUNK = 250;
const PARALLEL = 4;

/** Stocks the given variants, a few batched chunks at a time, reporting progress. */
export async function seedDemoInventory(
  inventory: InventoryRepository,
  variantIds: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < variantIds.length) {
      const chunk = variantIds.slice(next, next + CHUNK);
      next += CHUNK;
      await inventory.putQuantities(new Map(chunk.map((id) => [id, demoStockLevel(id)])));
      done += chunk.length;
      onProgress?.(done, variantIds.length);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}
