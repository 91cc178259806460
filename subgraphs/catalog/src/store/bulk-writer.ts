import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Product, ProductVariant } from '../domain/catalog-types.js';
import { categoriesExist, productCreationWrites } from './product-writer.js';
import { transact, type GuardedWrite } from './guarded-writes.js';

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
  const groups = pack(tableName, products);
  const failures = new Map<number, Error>();
  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      const group = groups[next++] as number[];
      try {
        await transact(client, writesOf(tableName, group.map((index) => products[index] as NewProduct)));
      } catch {
        for (const index of group) {
          await transact(client, writesOf(tableName, [products[index] as NewProduct])).catch((error: Error) => failures.set(index, error));
        }
      }
      onWritten?.(group.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return failures;
}

/** A transaction may touch an item once, so the category checks are merged across its products. */
function writesOf(tableName: string, products: readonly NewProduct[]): GuardedWrite[] {
  const categories = [...new Set(products.flatMap(({ product }) => product.categoryIds))];
  return [...products.flatMap(({ product, variants }) => productCreationWrites(tableName, product, variants)), ...categoriesExist(tableName, categories, ['categories'])];
}

/** Product indexes grouped so each group's writes fit in one transaction. */
function pack(tableName: string, products: readonly NewProduct[]): number[][] {
  const groups: number[][] = [];
  let group: number[] = [];
  let size = 0;
  let categories = new Set<string>();
  products.forEach(({ product, variants }, index) => {
    const own = productCreationWrites(tableName, product, variants).length;
    const added = product.categoryIds.filter((id) => !categories.has(id)).length;
    if (group.length > 0 && size + own + categories.size + added > TRANSACTION_ITEMS) {
      groups.push(group);
      [group, size, categories] = [[], 0, new Set()];
    }
    group.push(index);
    size += own;
    for (const id of product.categoryIds) categories.add(id);
  });
  if (group.length > 0) groups.push(group);
  return groups;
}
