import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CategoryFields } from '../domain/catalog-input.js';
import { CATALOG_LIMITS } from '../domain/catalog-limits.js';
import type { Category } from '../domain/catalog-types.js';
import { newCategory } from '../domain/new-product.js';
import { catalogErrors } from '../errors.js';
import { fromCategory, fromCategorySlug, toCategory, type CategoryItem } from './items.js';
import { keys } from './keys.js';
import { readItem, refusedWith, retryingStaleReads, staleUnless, transact, versionIs, type GuardedWrite } from './guarded-writes.js';

/** Category writes. A tree change checks, in its own transaction, that the ancestors it relied on did not move. */
export interface CategoryWriter {
  createCategory(fields: CategoryFields, parentId: string | undefined): Promise<Category>;
  updateCategory(id: string, expectedVersion: number | undefined, changes: Partial<CategoryFields>): Promise<Category>;
  /**
   * Under `parentId` (a root when undefined). `subtreeHeight` is the levels the moved category
   * and its descendants take (1 for a leaf), for the depth limit.
   */
  moveCategory(id: string, expectedVersion: number | undefined, to: { parentId: string | undefined; position: number }, subtreeHeight: number): Promise<Category>;
  /** Consistent reads of the given categories; absent ids are left out. */
  categoriesByIds(ids: readonly string[]): Promise<Category[]>;
}

export function createCategoryWriter({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): CategoryWriter {
  const read = async (id: string) => {
    const item = await readItem<CategoryItem>(client, tableName, keys.category(id));
    return item ? toCategory(item) : undefined;
  };

  /**
   * A category and its ancestors, nearest first, each read consistently: whether a move makes
   * a cycle is decided on what is committed, not on a replica's possibly older tree.
   */
  async function chainFrom(parentId: string): Promise<Category[]> {
    const chain: Category[] = [];
    for (let id: string | undefined = parentId; id; ) {
      const category = await read(id);
      if (!category) throw catalogErrors.categoryNotFound(['parentId']);
      chain.push(category);
      // Deeper than allowed means stored data already loops; refuse rather than walk forever.
      if (chain.length > CATALOG_LIMITS.categoryDepth) throw catalogErrors.tooDeep(CATALOG_LIMITS.categoryDepth);
      id = category.parentId;
    }
    return chain;
  }

  /**
   * Conditions that the ancestors are as read: two concurrent moves (A under B, B under A) each
   * check the other's category, so one of them fails instead of both making a cycle.
   */
  const ancestorsUnchanged = (chain: readonly Category[]): GuardedWrite[] =>
    chain.map((ancestor) => staleUnless({ ConditionCheck: { TableName: tableName, Key: keys.category(ancestor.id), ...versionIs(ancestor.version) } }));

  function slugSwap(current: Category, next: Category): GuardedWrite[] {
    if (next.slug === current.slug) return [];
    return [
      // Released only if it is this item's; absent on data written before uniqueness items existed.
      staleUnless({ Delete: { TableName: tableName, Key: keys.categorySlug(current.slug), ConditionExpression: 'attribute_not_exists(PK) OR categoryId = :id', ExpressionAttributeValues: { ':id': current.id } } }),
      refusedWith({ Put: { TableName: tableName, Item: fromCategorySlug(next) as unknown as Record<string, unknown>, ConditionExpression: 'attribute_not_exists(PK)' } }, () =>
        catalogErrors.slugTaken(),
      ),
    ];
  }

  async function readForChange(id: string, expectedVersion: number | undefined): Promise<Category> {
    const current = await read(id);
    if (!current) throw catalogErrors.categoryNotFound(['id']);
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw catalogErrors.versionConflict(current.version);
    return current;
  }

  const put = (current: Category, next: Category) =>
    staleUnless({ Put: { TableName: tableName, Item: fromCategory(next) as unknown as Record<string, unknown>, ...versionIs(current.version) } });

  return {
    async createCategory(fields, parentId) {
      return retryingStaleReads(async () => {
        const chain = parentId ? await chainFrom(parentId) : [];
        if (chain.length + 1 > CATALOG_LIMITS.categoryDepth) throw catalogErrors.tooDeep(CATALOG_LIMITS.categoryDepth);
        const category = newCategory(fields, parentId);
        await transact(client, [
          staleUnless({ Put: { TableName: tableName, Item: fromCategory(category) as unknown as Record<string, unknown>, ConditionExpression: 'attribute_not_exists(PK)' } }),
          refusedWith({ Put: { TableName: tableName, Item: fromCategorySlug(category) as unknown as Record<string, unknown>, ConditionExpression: 'attribute_not_exists(PK)' } }, () =>
            catalogErrors.slugTaken(),
          ),
          ...ancestorsUnchanged(chain),
        ]);
        return category;
      });
    },

    async updateCategory(id, expectedVersion, changes) {
      return retryingStaleReads(async () => {
        const current = await readForChange(id, expectedVersion);
        const next: Category = { ...current, ...changes, version: current.version + 1 };
        await transact(client, [put(current, next), ...slugSwap(current, next)]);
        return next;
      });
    },

    async moveCategory(id, expectedVersion, { parentId, position }, subtreeHeight) {
      return retryingStaleReads(async () => {
        const current = await readForChange(id, expectedVersion);
        if (parentId === id) throw catalogErrors.cycle();
        const chain = parentId ? await chainFrom(parentId) : [];
        if (chain.some((ancestor) => ancestor.id === id)) throw catalogErrors.cycle();
        if (chain.length + subtreeHeight > CATALOG_LIMITS.categoryDepth) throw catalogErrors.tooDeep(CATALOG_LIMITS.categoryDepth);
        const { parentId: _previous, ...rest } = current;
        const next: Category = { ...rest, position, version: current.version + 1, ...(parentId ? { parentId } : {}) };
        await transact(client, [put(current, next), ...ancestorsUnchanged(chain)]);
        return next;
      });
    },

    async categoriesByIds(ids) {
      const found = await Promise.all([...new Set(ids)].map(read));
      return found.filter((category) => category !== undefined);
    },
  };
}
