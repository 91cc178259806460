import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Product, ProductVariant } from '../domain/catalog-types.js';
import { categoriesExist, productCreationWrites } from './product-writer.js';
import { transact, type GuardedWrite } from './guarded-writes.js';
import { inParallel } from '@shopgraph/shared';

/** DynamoDB's limit of operations in one TransactWriteItems. */
const TRANSACTION_ITEMS = 100;

export interface NewProduct {
  product: Product;
  variants: ProductVariant[];
}

/**
 * Creates many products with the same guarantees as createProduct (every slug and SKU item
 * `attribute_not_exists`, every category checked), packing several products into each
 * transaction to spend fewer calls. A transaction refused as a whole is split, each product
 * written alone, so only the product at fault fails. Resolves to each failed product's error.
 */
export async function createProductsInBulk(
  { client, tableName }: { client: DynamoDBDocumentClient; tableName: string },
  products: readonly NewProduct[],
  { concurrency = 4, onWritten }: { concurrency?: number; onWritten?: (count: number) => void } = {},
): Promise<Map<number, Error>> {
  // Each product's items built once, for packing and for writing.
  const own = products.map(({ product, variants }) => productCreationWrites(tableName, product, variants));
  const writesOf = (group: readonly number[]) => [
    ...group.flatMap((index) => own[index] as GuardedWrite[]),
    // A transaction may touch an item once, so the category checks are merged across its products.
    ...categoriesExist(tableName, [...new Set(group.flatMap((index) => (products[index] as NewProduct).product.categoryIds))], ['categories']),
  ];
  const failures = new Map<number, Error>();
  await inParallel(pack(products, own), concurrency, async (group) => {
    try {
      await transact(client, writesOf(group));
    } catch {
      for (const index of group) await transact(client, writesOf([index])).catch((error: Error) => failures.set(index, error));
    }
    onWritten?.(group.length);
  });
  return failures;
}

/** Product indexes grouped so each group's writes fit in one transaction. */
function pack(products: readonly NewProduct[], own: readonly GuardedWrite[][]): number[][] {
  const groups: number[][] = [];
  let group: number[] = [];
  let size = 0;
  let categories = new Set<string>();
  products.forEach(({ product }, index) => {
    const writes = (own[index] as GuardedWrite[]).length;
    const added = product.categoryIds.filter((id) => !categories.has(id)).length;
    if (group.length > 0 && size + writes + categories.size + added > TRANSACTION_ITEMS) {
      groups.push(group);
      [group, size, categories] = [[], 0, new Set()];
    }
    group.push(index);
    size += writes;
    for (const id of product.categoryIds) categories.add(id);
  });
  if (group.length > 0) groups.push(group);
  return groups;
}
