import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Product, ProductVariant } from '../domain/catalog-types.js';
import { priceRangeOf } from '../domain/price-rules.js';
import { toProduct, toVariant, type ProductItem, type VariantItem } from './items.js';
import { keys } from './keys.js';

/** Another writer changed the same product on every attempt; nothing was written. */
export class PriceConflictError extends Error {}

/** Price writes: a variant's price and its product's price range, always together. */
export interface PriceWriter {
  /** Undefined when the variant does not exist. */
  setVariantPrice(variantId: string, amount: number): Promise<{ variant: ProductVariant; product: Product } | undefined>;
}

const ATTEMPTS = 4;

export function createPriceWriter({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): PriceWriter {
  return {
    async setVariantPrice(variantId, amount) {
      for (let attempt = 1; ; attempt++) {
        // Consistent reads: the new range is computed from the siblings' current prices.
        const { Item: variantItem } = await client.send(new GetCommand({ TableName: tableName, Key: keys.variant(variantId), ConsistentRead: true }));
        if (!variantItem) return undefined;
        const variant = toVariant(variantItem as VariantItem);
        const { Item: productItem } = await client.send(new GetCommand({ TableName: tableName, Key: keys.product(variant.productId), ConsistentRead: true }));
        if (!productItem) return undefined;
        const product = productItem as ProductItem;
        const siblings = await readVariants(client, tableName, product.variantIds.filter((id) => id !== variantId));
        const price = { amount, currencyCode: variant.price.currencyCode };
        const range = priceRangeOf([price, ...siblings.map((sibling) => sibling.price)]);
        const version = product.version ?? 0;
        try {
          // One transaction, conditional on the product's version: every price change of any of
          // its variants raises that version, so two concurrent changes to one product cannot
          // both commit a range computed from prices the other one just replaced.
          await client.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: tableName,
                    Key: keys.variant(variantId),
                    // The variant's own version moves too: an updateVariant planned on the old price must not land.
                    UpdateExpression: 'SET price = :price, #version = if_not_exists(#version, :zero) + :one',
                    ConditionExpression: 'attribute_exists(PK)',
                    ExpressionAttributeNames: { '#version': 'version' },
                    ExpressionAttributeValues: { ':price': price, ':zero': 0, ':one': 1 },
                  },
                },
                {
                  Update: {
                    TableName: tableName,
                    Key: keys.product(product.id),
                    UpdateExpression: 'SET priceMin = :min, priceMax = :max, #version = :next',
                    ConditionExpression: version === 0 ? 'attribute_not_exists(#version) OR #version = :current' : '#version = :current',
                    ExpressionAttributeNames: { '#version': 'version' },
                    ExpressionAttributeValues: { ':min': range.min, ':max': range.max, ':next': version + 1, ':current': version },
                  },
                },
              ],
            }),
          );
        } catch (error) {
          if (error instanceof TransactionCanceledException && attempt < ATTEMPTS) continue;
          if (error instanceof TransactionCanceledException) throw new PriceConflictError(`price of ${variantId}: conflicting writes`);
          throw error;
        }
        return {
          variant: { ...variant, price, version: variant.version + 1 },
          product: toProduct({ ...product, priceMin: range.min, priceMax: range.max, version: version + 1 }),
        };
      }
    },
  };
}

/** A product's variants (a handful) in one consistent BatchGetItem. */
async function readVariants(client: DynamoDBDocumentClient, tableName: string, ids: readonly string[]): Promise<ProductVariant[]> {
  if (ids.length === 0) return [];
  const output = await client.send(
    new BatchGetCommand({ RequestItems: { [tableName]: { Keys: ids.slice(0, 100).map(keys.variant), ConsistentRead: true } } }),
  );
  if (Object.keys(output.UnprocessedKeys ?? {}).length > 0) throw new Error(`variants of a product were left unprocessed; retry`);
  return ((output.Responses?.[tableName] ?? []) as VariantItem[]).map(toVariant);
}
