import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ProductFields, VariantFields } from '../domain/catalog-input.js';
import type { Product, ProductVariant } from '../domain/catalog-types.js';
import { newProduct } from '../domain/new-product.js';
import { catalogErrors } from '../errors.js';
import { fromProduct, fromSku, fromSlug, fromVariant, toProduct, type ProductItem } from './items.js';
import { keys } from './keys.js';
import { readItem, refusedWith, retryingStaleReads, staleUnless, transact, versionIs, type GuardedWrite } from './guarded-writes.js';

/** Product writes: each one transaction, conditional on the version read and on every slug and SKU being free. */
export interface ProductWriter {
  createProduct(fields: ProductFields, variants: readonly VariantFields[]): Promise<{ product: Product; variants: ProductVariant[] }>;
  updateProduct(id: string, expectedVersion: number | undefined, changes: Partial<ProductFields>): Promise<Product>;
  /** Out of browse and search for good; kept, with its variants, for the carts and orders that hold them. */
  archiveProduct(id: string, expectedVersion: number | undefined): Promise<Product>;
  /** A product as stored now (consistent read), archived or not. */
  readProduct(id: string): Promise<Product | undefined>;
}

/**
 * The writes that create a product: every item `attribute_not_exists`, so a slug or SKU that
 * another writer took first (even a moment ago, even in another process) refuses the whole
 * product instead of being read as free and then overwritten. `at` prefixes the fields named.
 * The checks that its categories exist are added by the caller (categoriesExist), once per
 * category in a transaction that creates several products.
 */
export function productCreationWrites(tableName: string, product: Product, variants: readonly ProductVariant[], at: string[] = []): GuardedWrite[] {
  const put = (item: object) => ({ Put: { TableName: tableName, Item: item as Record<string, unknown>, ConditionExpression: 'attribute_not_exists(PK)' } });
  return [
    staleUnless(put(fromProduct(product))),
    refusedWith(put(fromSlug(product.slug, product.id)), () => catalogErrors.slugTaken([...at, 'slug'])),
    ...variants.flatMap((variant, index) => [
      staleUnless(put(fromVariant(variant))),
      refusedWith(put(fromSku(variant)), () => catalogErrors.skuTaken([...at, 'variants', String(index), 'sku'])),
    ]),
  ];
}

/** One check per category: a product is never filed under a category that does not exist. */
export function categoriesExist(tableName: string, categoryIds: readonly string[], field: string[]): GuardedWrite[] {
  return categoryIds.map((categoryId, index) =>
    refusedWith({ ConditionCheck: { TableName: tableName, Key: keys.category(categoryId), ConditionExpression: 'attribute_exists(PK)' } }, () =>
      catalogErrors.categoryNotFound([...field, String(index)]),
    ),
  );
}

export function createProductWriter({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): ProductWriter {
  const readProduct = async (id: string) => {
    const item = await readItem<ProductItem>(client, tableName, keys.product(id));
    return item ? toProduct(item) : undefined;
  };

  /** The product to change, refused when it is gone, archived or not at the version the caller saw. */
  async function readForChange(id: string, expectedVersion: number | undefined): Promise<Product> {
    const current = await readProduct(id);
    if (!current) throw catalogErrors.productNotFound();
    if (current.archivedAt) throw catalogErrors.archived();
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw catalogErrors.versionConflict(current.version);
    return current;
  }

  return {
    readProduct,

    async createProduct(fields, variantFields) {
      return retryingStaleReads(async () => {
        const created = newProduct(fields, variantFields, new Date());
        await transact(client, [
          ...productCreationWrites(tableName, created.product, created.variants),
          ...categoriesExist(tableName, created.product.categoryIds, ['categoryIds']),
        ]);
        return created;
      });
    },

    async updateProduct(id, expectedVersion, changes) {
      return retryingStaleReads(async () => {
        const current = await readForChange(id, expectedVersion);
        const next: Product = { ...current, ...changes, version: current.version + 1 };
        const writes = [staleUnless({ Put: { TableName: tableName, Item: fromProduct(next) as unknown as Record<string, unknown>, ...versionIs(current.version) } })];
        if (next.slug !== current.slug) {
          writes.push(
            // The old slug is released in the same transaction that takes the new one.
            staleUnless({
              Delete: {
                TableName: tableName,
                Key: keys.slug(current.slug),
                ConditionExpression: 'attribute_not_exists(PK) OR productId = :id',
                ExpressionAttributeValues: { ':id': id },
              },
            }),
            refusedWith({ Put: { TableName: tableName, Item: fromSlug(next.slug, id) as unknown as Record<string, unknown>, ConditionExpression: 'attribute_not_exists(PK)' } }, () =>
              catalogErrors.slugTaken(),
            ),
          );
        }
        if (changes.categoryIds) writes.push(...categoriesExist(tableName, changes.categoryIds, ['categoryIds']));
        await transact(client, writes);
        return next;
      });
    },

    async archiveProduct(id, expectedVersion) {
      return retryingStaleReads(async () => {
        const current = await readForChange(id, expectedVersion);
        const archivedAt = new Date().toISOString();
        const next: Product = { ...current, archivedAt, version: current.version + 1 };
        // The product and every variant in one transaction: a variant is never seen available
        // after its product was archived. The product's version guards against a variant
        // added meanwhile (createVariant raises it).
        await transact(client, [
          staleUnless({ Put: { TableName: tableName, Item: fromProduct(next) as unknown as Record<string, unknown>, ...versionIs(current.version) } }),
          ...current.variantIds.map((variantId) =>
            staleUnless({
              Update: {
                TableName: tableName,
                Key: keys.variant(variantId),
                UpdateExpression: 'SET archivedAt = :at, #version = if_not_exists(#version, :zero) + :one',
                ConditionExpression: 'attribute_exists(PK)',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':at': archivedAt, ':zero': 0, ':one': 1 },
              },
            }),
          ),
        ]);
        return next;
      });
    },
  };
}
