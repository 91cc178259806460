import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '@shopgraph/shared/dynamo';
import type { VariantFields } from '../domain/catalog-input.js';
import { CATALOG_LIMITS } from '../domain/catalog-limits.js';
import type { Product, ProductVariant } from '../domain/catalog-types.js';
import { newVariant } from '../domain/new-product.js';
import { priceRangeOf } from '../domain/price-rules.js';
import { CatalogUserErrorCode, CatalogWriteError, catalogErrors } from '../errors.js';
import { fromProduct, fromSku, fromVariant, toProduct, toVariant, type ProductItem, type VariantItem } from './items.js';
import { keys } from './keys.js';
import { readItem, refusedWith, retryingStaleReads, staleUnless, transact, versionIs, type GuardedWrite } from './guarded-writes.js';

/** Variant writes; a price change moves the product's price range in the same transaction. */
export interface VariantWriter {
  /** `expectedVersion` is the product's: adding a variant changes the product. */
  createVariant(productId: string, expectedVersion: number | undefined, fields: VariantFields): Promise<{ variant: ProductVariant; product: Product }>;
  /** `product` is there when the price changed (and with it the product's range). */
  updateVariant(id: string, expectedVersion: number | undefined, changes: Partial<VariantFields>): Promise<{ variant: ProductVariant; product?: Product }>;
}

export function createVariantWriter({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): VariantWriter {
  const readProduct = async (id: string) => {
    const item = await readItem<ProductItem>(client, tableName, keys.product(id));
    return item ? toProduct(item) : undefined;
  };
  /** Consistent: a new range is computed from the prices as they are now. */
  const readVariants = async (ids: readonly string[]) =>
    ((await batchGetAll(client, tableName, ids.map(keys.variant), { consistentRead: true })) as unknown as VariantItem[]).map(toVariant);

  /**
   * The product with a new price range, conditional on the version read: every change to any
   * of its variants' prices raises that version, so the range is never computed from a price
   * another writer has just replaced.
   */
  function productWrite(current: Product, next: Product): GuardedWrite {
    const guard = versionIs(current.version);
    return staleUnless({
      Put: {
        TableName: tableName,
        Item: fromProduct(next) as unknown as Record<string, unknown>,
        ...guard,
        ConditionExpression: `(${guard.ConditionExpression}) AND attribute_not_exists(archivedAt)`,
      },
    });
  }

  return {
    async createVariant(productId, expectedVersion, fields) {
      return retryingStaleReads(async () => {
        const product = await readProduct(productId);
        if (!product) throw catalogErrors.productNotFound(['productId']);
        if (product.archivedAt) throw catalogErrors.archived(['productId']);
        if (expectedVersion !== undefined && product.version !== expectedVersion) throw catalogErrors.versionConflict(product.version);
        if (product.variantIds.length >= CATALOG_LIMITS.variantsPerProduct) {
          throw new CatalogWriteError(CatalogUserErrorCode.VARIANTS_INVALID, `A product has at most ${CATALOG_LIMITS.variantsPerProduct} variants.`, ['productId']);
        }
        const siblings = await readVariants(product.variantIds);
        const variant = newVariant(productId, fields);
        const next: Product = {
          ...product,
          variantIds: [...product.variantIds, variant.id],
          priceRange: priceRangeOf([...siblings, variant].map((each) => each.price)),
          version: product.version + 1,
        };
        const put = (item: object) => ({ Put: { TableName: tableName, Item: item as Record<string, unknown>, ConditionExpression: 'attribute_not_exists(PK)' } });
        await transact(client, [
          productWrite(product, next),
          staleUnless(put(fromVariant(variant))),
          refusedWith(put(fromSku(variant)), () => catalogErrors.skuTaken()),
        ]);
        return { variant, product: next };
      });
    },

    async updateVariant(id, expectedVersion, changes) {
      return retryingStaleReads(async () => {
        const item = await readItem<VariantItem>(client, tableName, keys.variant(id));
        if (!item) throw catalogErrors.variantNotFound();
        const current = toVariant(item);
        if (!current.available) throw catalogErrors.archived();
        if (expectedVersion !== undefined && current.version !== expectedVersion) throw catalogErrors.versionConflict(current.version);
        const { price, ...labels } = changes;
        const next: ProductVariant = {
          ...current,
          ...labels,
          ...(price !== undefined ? { price: { amount: price, currencyCode: current.price.currencyCode } } : {}),
          version: current.version + 1,
        };
        const writes = [staleUnless({ Put: { TableName: tableName, Item: fromVariant(next) as unknown as Record<string, unknown>, ...versionIs(current.version) } })];
        if (next.sku !== current.sku) {
          writes.push(
            // Released only if it is this item's; absent on data written before uniqueness items existed.
            staleUnless({ Delete: { TableName: tableName, Key: keys.sku(current.sku), ConditionExpression: 'attribute_not_exists(PK) OR variantId = :id', ExpressionAttributeValues: { ':id': id } } }),
            refusedWith({ Put: { TableName: tableName, Item: fromSku(next) as unknown as Record<string, unknown>, ConditionExpression: 'attribute_not_exists(PK)' } }, () =>
              catalogErrors.skuTaken(),
            ),
          );
        }
        let product: Product | undefined;
        if (next.price.amount !== current.price.amount) {
          const read = await readProduct(current.productId);
          if (!read) throw catalogErrors.variantNotFound();
          const siblings = await readVariants(read.variantIds.filter((sibling) => sibling !== id));
          product = { ...read, priceRange: priceRangeOf([...siblings, next].map((each) => each.price)), version: read.version + 1 };
          writes.push(productWrite(read, product));
        }
        await transact(client, writes);
        return { variant: next, ...(product ? { product } : {}) };
      });
    },
  };
}
