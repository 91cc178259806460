import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchPutAll } from '@shopgraph/shared/dynamo';
import { fromCategory, fromProduct, fromSlug, fromVariant } from '../store/items.js';
import { generateDemoCatalog } from './generate-demo-catalog.js';

export interface DemoCatalogSummary {
  products: number;
  variants: number;
  categories: number;
  /** Every variant id, so the inventory seeder can stock them. */
  variantIds: string[];
}

/** Writes the deterministic demo catalog with batched writes. Rewriting it is harmless. */
export async function seedDemoCatalog(
  client: DynamoDBDocumentClient,
  tableName: string,
  productCount = 36,
): Promise<DemoCatalogSummary> {
  const catalog = generateDemoCatalog(productCount);
  const items = [
    ...catalog.categories.map(fromCategory),
    ...catalog.products.flatMap((product) => [fromProduct(product), fromSlug(product.slug, product.id)]),
    ...catalog.variants.map(fromVariant),
  ];
  await batchPutAll(client, tableName, items as unknown as Record<string, unknown>[]);
  return {
    products: catalog.products.length,
    variants: catalog.variants.length,
    categories: catalog.categories.length,
    variantIds: catalog.variants.map((variant) => variant.id),
  };
}
