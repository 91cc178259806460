import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchPutAll } from '@shopgraph/shared/dynamo';
import { catalogItems } from '../store/items.js';
import { generateDemoCatalog } from './generate-demo-catalog.js';

export interface DemoCatalogSummary {
  /** Products written by this call. */
  products: number;
  variants: number;
  categories: number;
  /** Every variant id written, so the inventory seeder can stock them. */
  variantIds: string[];
}

/** How to write the catalog; every option has a default. */
export interface SeedOptions {
  /** Skip the first `from` products (already written by an earlier, smaller seed). */
  from?: number;
  /** Called after each chunk with items written so far and in all. */
  onProgress?: (done: number, total: number) => void;
  /** Chunks in flight at once; each chunk is batch writes of 25 items. */
  concurrency?: number;
}

const CHUNK = 250;

/**
 * Writes the deterministic demo catalog with batched writes, a few chunks in parallel.
 * Product n is the same whatever the total, so a larger seed extends a smaller one, and
 * rewriting it is harmless.
 */
export async function seedDemoCatalog(
  client: DynamoDBDocumentClient,
  tableName: string,
  productCount = 36,
  { from = 0, onProgress, concurrency = 4 }: SeedOptions = {},
): Promise<DemoCatalogSummary> {
  const catalog = generateDemoCatalog(productCount);
  const products = catalog.products.slice(from);
  const written = new Set(products.map((product) => product.id));
  const variants = catalog.variants.filter((variant) => written.has(variant.productId));
  const items = catalogItems({ categories: catalog.categories, products, variants });
  await inChunks(items, concurrency, (chunk) => batchPutAll(client, tableName, chunk), onProgress);
  return {
    products: products.length,
    variants: variants.length,
    categories: catalog.categories.length,
    variantIds: variants.map((variant) => variant.id),
  };
}

/** Runs `write` over chunks of the items, `concurrency` at a time, reporting progress. */
export async function inChunks<T>(
  items: readonly T[],
  concurrency: number,
  write: (chunk: T[]) => Promise<void>,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const chunk = items.slice(next, next + CHUNK);
      next += CHUNK;
      await write(chunk);
      done += chunk.length;
      onProgress?.(done, items.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
