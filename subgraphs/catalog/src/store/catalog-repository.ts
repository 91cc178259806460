import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '@shopgraph/shared/dynamo';
import type { Category, Product, ProductVariant } from '../domain/catalog-types.js';
import { CATEGORY_LISTING_PARTITION, keys, PRODUCT_LISTING_PARTITION } from './keys.js';
import { createCategoryWriter, type CategoryWriter } from './category-writer.js';
import { toCategory, toProduct, toVariant, type CategoryItem, type ProductItem, type SeedMarkItem, type SkuItem, type SlugItem, type VariantItem } from './items.js';
import { createPriceWriter, type PriceWriter } from './price-writer.js';
import { createProductWriter, type ProductWriter } from './product-writer.js';
import { createVariantWriter, type VariantWriter } from './variant-writer.js';

/** A bulk read (a whole import file's keys): consistent, eight BatchGetItem calls in flight. */
const BULK_READ = { consistentRead: true, callsInFlight: 8 };
type ReadOptions = Parameters<typeof batchGetAll>[3];

/** Reads and writes of the catalog table. Callers never see DynamoDB items or errors, only CatalogWriteErrors. */
export interface CatalogRepository extends PriceWriter, ProductWriter, VariantWriter, CategoryWriter {
  productsByIds(ids: readonly string[]): Promise<Map<string, Product>>;
  variantsByIds(ids: readonly string[]): Promise<Map<string, ProductVariant>>;
  /** Many products (consistent, several calls in flight): what a bulk import compares its rows with. */
  storedProducts(ids: readonly string[]): Promise<Map<string, Product>>;
  /** Many variants (consistent, several calls in flight): what a bulk import compares its rows with. */
  storedVariants(ids: readonly string[]): Promise<Map<string, ProductVariant>>;
  productIdBySlug(slug: string): Promise<string | undefined>;
  /** The product holding each slug (consistent): what a bulk import matches products by. */
  productIdsBySlugs(slugs: readonly string[]): Promise<Map<string, string>>;
  /** The variant and product holding each SKU (consistent): what a bulk import matches variants by. */
  skuOwners(skus: readonly string[]): Promise<Map<string, { variantId: string; productId: string }>>;
  /** Every product on sale (archived ones are in another partition), page by page of the GSI1 listing: what a replica's search index is built from. */
  listAllProducts(): Promise<Product[]>;
  listCategories(): Promise<Category[]>;
  /** True when no product is stored. */
  isEmpty(): Promise<boolean>;
  /** How many demo products the seeder has written, if it ever ran. */
  seededProductCount(): Promise<number | undefined>;
  recordSeededProductCount(products: number): Promise<void>;
}

export function createCatalogRepository({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): CatalogRepository {
  const readProducts = async (ids: readonly string[], options: ReadOptions) => {
    const items = (await batchGetAll(client, tableName, [...new Set(ids)].map(keys.product), options)) as unknown as ProductItem[];
    return new Map(items.map((item) => [item.id, toProduct(item)]));
  };
  const readVariants = async (ids: readonly string[], options: ReadOptions) => {
    const items = (await batchGetAll(client, tableName, [...new Set(ids)].map(keys.variant), options)) as unknown as VariantItem[];
    return new Map(items.map((item) => [item.id, toVariant(item)]));
  };
  return {
    ...createPriceWriter({ client, tableName }),
    ...createProductWriter({ client, tableName }),
    ...createVariantWriter({ client, tableName }),
    ...createCategoryWriter({ client, tableName }),

    productsByIds: (ids) => readProducts(ids, {}),
    variantsByIds: (ids) => readVariants(ids, {}),
    storedProducts: (ids) => readProducts(ids, BULK_READ),
    storedVariants: (ids) => readVariants(ids, BULK_READ),

    async productIdBySlug(slug) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.slug(slug) }));
      return (Item as SlugItem | undefined)?.productId;
    },

    async productIdsBySlugs(slugs) {
      const slugByPk = new Map(slugs.map((slug) => [keys.slug(slug).PK, slug]));
      const items = (await batchGetAll(client, tableName, [...new Set(slugs)].map(keys.slug), BULK_READ)) as unknown as SlugItem[];
      return new Map(items.map((item) => [slugByPk.get(item.PK) as string, item.productId]));
    },

    async skuOwners(skus) {
      const skuByPk = new Map(skus.map((sku) => [keys.sku(sku).PK, sku]));
      const items = (await batchGetAll(client, tableName, [...new Set(skus)].map(keys.sku), BULK_READ)) as unknown as SkuItem[];
      return new Map(items.map((item) => [skuByPk.get(item.PK) as string, { variantId: item.variantId, productId: item.productId }]));
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

