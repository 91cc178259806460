import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '@shopgraph/shared/dynamo';
import type { Category, Product, ProductVariant } from '../domain/catalog-types.js';
import { CATEGORY_LISTING_PARTITION, keys, PRODUCT_LISTING_PARTITION } from './keys.js';
import { toCategory, toProduct, toVariant, type CategoryItem, type ProductItem, type SeedMarkItem, type SlugItem, type VariantItem } from './items.js';
import { createPriceWriter, type PriceWriter } from './price-writer.js';

/** Reads of the catalog table, and its one runtime write (prices). Callers never see DynamoDB items. */
export interface CatalogRepository extends PriceWriter {
  productsByIds(ids: readonly string[]): Promise<Map<string, Product>>;
  variantsByIds(ids: readonly string[]): Promise<Map<string, ProductVariant>>;
  productIdBySlug(slug: string): Promise<string | undefined>;
  /** Every product, page by page of the GSI1 listing: what a replica's search index is built from. */
  listAllProducts(): Promise<Product[]>;
  listCategories(): Promise<Category[]>;
  /** True when no product is stored. */
  isEmpty(): Promise<boolean>;
  /** How many demo products the seeder has written, if it ever ran. */
  seededProductCount(): Promise<number | undefined>;
  recordSeededProductCount(products: number): Promise<void>;
}

export function createCatalogRepository({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): CatalogRepository {
  return {
    ...createPriceWriter({ client, tableName }),

    async productsByIds(ids) {
      const items = (await batchGetAll(client, tableName, [...new Set(ids)].map(keys.product))) as unknown as ProductItem[];
      return new Map(items.map((item) => [item.id, toProduct(item)]));
    },

    async variantsByIds(ids) {
      const items = (await batchGetAll(client, tableName, [...new Set(ids)].map(keys.variant))) as unknown as VariantItem[];
      return new Map(items.map((item) => [item.id, toVariant(item)]));
    },

    async productIdBySlug(slug) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.slug(slug) }));
      return (Item as SlugItem | undefined)?.productId;
    },

    async listAllProducts() {
      return ((await readListing(client, tableName, PRODUCT_LISTING_PARTITION)) as unknown as ProductItem[]).map(toProduct);
    },

    async listCategories() {
      return ((await readListing(client, tableName, CATEGORY_LISTING_PARTITION)) as unknown as CategoryItem[]).map(toCategory);
    },

    async isEmpty() {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :listing',
          ExpressionAttributeValues: { ':listing': PRODUCT_LISTING_PARTITION },
          Limit: 1,
        }),
      );
      return (Items ?? []).length === 0;
    },

    async seededProductCount() {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.seedMark(), ConsistentRead: true }));
      return (Item as SeedMarkItem | undefined)?.products;
    },

    async recordSeededProductCount(products) {
      const item: SeedMarkItem = { ...keys.seedMark(), entity: 'SeedMark', products };
      await client.send(new PutCommand({ TableName: tableName, Item: item }));
    },
  };
}

/** Walks a whole GSI1 listing partition (1 MB a page). */
async function readListing(client: DynamoDBDocumentClient, tableName: string, partition: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const output = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :listing',
        ExpressionAttributeValues: { ':listing': partition },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(output.Items ?? []));
    startKey = output.LastEvaluatedKey;
  } while (startKey);
  return items;
}
