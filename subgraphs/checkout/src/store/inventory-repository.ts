import { ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, batchPutAll } from '@shopgraph/shared/dynamo';
import { keys } from './keys.js';

interface StockItem {
  PK: string;
  SK: string;
  entity: 'Stock';
  variantId: string;
  quantity: number;
  updatedAt: string;
}

/** Stock levels by variant. A variant with no stock item has none in stock. */
export interface InventoryRepository {
  quantitiesByVariantIds(variantIds: readonly string[]): Promise<Map<string, number>>;
  /** Bulk load for seeding; overwrites the given levels. */
  putQuantities(levels: ReadonlyMap<string, number>): Promise<void>;
  /** Sets one variant's level (an admin's absolute correction); returns it. */
  setQuantity(variantId: string, quantity: number): Promise<number>;
  /**
   * One page of every stock level, for catalog's index: a Scan of the table keeping stock
   * items only. `after` is the previous page's `next`; `next` is absent on the last page.
   */
  scanQuantities(after: StockPageCursor | undefined, limit: number): Promise<{ levels: Map<string, number>; next?: StockPageCursor }>;
}

/** Where a stock scan stopped: the last key it evaluated. */
export interface StockPageCursor {
  PK: string;
  SK: string;
}

export function createInventoryRepository({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): InventoryRepository {
  return {
    async quantitiesByVariantIds(variantIds) {
      const items = (await batchGetAll(client, tableName, [...new Set(variantIds)].map(keys.stock))) as unknown as StockItem[];
      return new Map(items.map((item) => [item.variantId, item.quantity]));
    },

    async putQuantities(levels) {
      const updatedAt = new Date().toISOString();
      const items: StockItem[] = [...levels].map(([variantId, quantity]) => ({
        ...keys.stock(variantId),
        entity: 'Stock',
        variantId,
        quantity,
        updatedAt,
      }));
      await batchPutAll(client, tableName, items as unknown as Record<string, unknown>[]);
    },

    async setQuantity(variantId, quantity) {
      // Unconditional on purpose: an admin states the absolute level (a stock count), so the
      // last statement wins. Order placement will decrement conditionally (quantity >= n).
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.stock(variantId),
          UpdateExpression: 'SET entity = :entity, variantId = :variantId, quantity = :quantity, updatedAt = :now',
          ExpressionAttributeValues: { ':entity': 'Stock', ':variantId': variantId, ':quantity': quantity, ':now': new Date().toISOString() },
        }),
      );
      return quantity;
    },

    async scanQuantities(after, limit) {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new ScanCommand({
          TableName: tableName,
          // Orders and the rest are read and dropped: a scan's cost grows with the table, but
          // it runs once per catalog start-up, in pages, never on a shopper's request.
          FilterExpression: 'entity = :stock',
          ProjectionExpression: 'variantId, quantity',
          ExpressionAttributeValues: { ':stock': 'Stock' },
          Limit: limit,
          ...(after ? { ExclusiveStartKey: after } : {}),
        }),
      );
      const levels = new Map((Items as Pick<StockItem, 'variantId' | 'quantity'>[]).map((item) => [item.variantId, item.quantity]));
      return { levels, ...(LastEvaluatedKey ? { next: { PK: String(LastEvaluatedKey['PK']), SK: String(LastEvaluatedKey['SK']) } } : {}) };
    },
  };
}
