import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '@shopgraph/shared/dynamo';
import type { Category, Product, ProductPage, ProductVariant } from '../domain/catalog-types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { CATEGORY_LISTING_PARTITION, keys, PRODUCT_LISTING_PARTITION } from './keys.js';
import { toCategory, toProduct, toVariant, type CategoryItem, type ProductItem, type SlugItem, type VariantItem } from './items.js';

const TITLE_LISTING = 'TITLE';

/** Raised for a cursor this listing did not issue; resolvers turn it into BAD_USER_INPUT. */
export class InvalidCursorError extends Error {}

/** Reads of the catalog table. Callers get domain objects, never DynamoDB items. */
export interface CatalogRepository {
  productsByIds(ids: readonly string[]): Promise<Map<string, Product>>;
  variantsByIds(ids: readonly string[]): Promise<Map<string, ProductVariant>>;
  productIdBySlug(slug: string): Promise<string | undefined>;
  /** Products in title order, `first` at a time after `after` (a cursor from an earlier page). */
  listProductsByTitle(first: number, after?: string): Promise<ProductPage>;
  listCategories(): Promise<Category[]>;
  /** True when no product is stored; the local seeder uses it to seed once. */
  isEmpty(): Promise<boolean>;
}

export function createCatalogRepository({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): CatalogRepository {
  return {
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

    async listProductsByTitle(first, after) {
      const cursor = after === undefined ? undefined : decodeCursor(after);
      if (after !== undefined && (!cursor || cursor.o !== TITLE_LISTING || !cursor.k.endsWith(`#${cursor.id}`))) {
        throw new InvalidCursorError();
      }
      const [page, totalCount] = await Promise.all([
        client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'GSI1',
            KeyConditionExpression: 'GSI1PK = :listing',
            ExpressionAttributeValues: { ':listing': PRODUCT_LISTING_PARTITION },
            // One extra item tells whether another page follows without a second round trip.
            Limit: first + 1,
            ...(cursor
              ? { ExclusiveStartKey: { ...keys.product(cursor.id), GSI1PK: PRODUCT_LISTING_PARTITION, GSI1SK: cursor.k } }
              : {}),
          }),
        ),
        readListing(client, tableName, PRODUCT_LISTING_PARTITION, true).then(({ count }) => count),
      ]);
      const items = (page.Items ?? []) as ProductItem[];
      const onPage = items.slice(0, first);
      return {
        products: onPage.map(toProduct),
        cursors: onPage.map((item) => encodeCursor({ v: 1, o: TITLE_LISTING, k: item.GSI1SK, id: item.id })),
        hasNextPage: items.length > first,
        totalCount,
      };
    },

    async listCategories() {
      const { items } = await readListing(client, tableName, CATEGORY_LISTING_PARTITION, false);
      return (items as unknown as CategoryItem[]).map(toCategory);
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
  };
}

/**
 * Walks a whole GSI1 listing partition. With `countOnly`, DynamoDB returns counts, not items,
 * which reads the same capacity but sends far less over the wire.
 */
async function readListing(
  client: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  countOnly: boolean,
): Promise<{ items: Record<string, unknown>[]; count: number }> {
  const items: Record<string, unknown>[] = [];
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const output = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :listing',
        ExpressionAttributeValues: { ':listing': partition },
        ExclusiveStartKey: startKey,
        ...(countOnly ? { Select: 'COUNT' as const } : {}),
      }),
    );
    items.push(...(output.Items ?? []));
    count += output.Count ?? 0;
    startKey = output.LastEvaluatedKey;
  } while (startKey);
  return { items, count };
}
