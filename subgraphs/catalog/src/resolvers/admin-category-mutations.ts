import { userError } from '@shopgraph/shared';
import type { CatalogContext } from '../context.js';
import { categoryProblems, type CategoryFields } from '../domain/catalog-input.js';
import { CATALOG_LIMITS } from '../domain/catalog-limits.js';
import type { Category } from '../domain/catalog-types.js';
import { nextPosition, subtreeHeight } from '../domain/category-tree.js';
import { CatalogUserErrorCode } from '../errors.js';
import type { MutationResolvers } from '../generated/resolver-types.js';
import { adminAnswer, given } from './admin-answer.js';

/** Every replica re-files its products under the changed tree; this one before answering. */
async function publishCategory(context: CatalogContext, category: Category): Promise<Category> {
  await context.search.applyLocalCategoryChange([category]);
  return category;
}

export const categoryMutations: Pick<MutationResolvers, 'createCategory' | 'updateCategory' | 'moveCategory'> = {
  async createCategory(_, { input }, context) {
    const parentId = input.parentId ?? undefined;
    const fields: CategoryFields = {
      slug: input.slug,
      name: input.name,
      position: input.position ?? nextPosition(context.loaders.categories(), parentId, CATALOG_LIMITS.maxPosition),
    };
    return adminAnswer(
      context,
      'category',
      () => categoryProblems(fields),
      async () => {
        const category = await context.catalog.createCategory(fields, parentId);
        context.logger.info({ categoryId: category.id, slug: category.slug }, 'category created');
        return publishCategory(context, category);
      },
    );
  },

  async updateCategory(_, { input }, context) {
    const { id, expectedVersion, ...fields } = input;
    const changes = given(fields);
    return adminAnswer(
      context,
      'category',
      () =>
        Object.keys(changes).length === 0
          ? [userError(CatalogUserErrorCode.NOTHING_TO_CHANGE, 'Give at least one field to change.')]
          : categoryProblems(changes),
      async () => {
        const category = await context.catalog.updateCategory(id, expectedVersion ?? undefined, changes);
        context.logger.info({ categoryId: category.id, fields: Object.keys(changes) }, 'category updated');
        return publishCategory(context, category);
      },
    );
  },

  async moveCategory(_, { input }, context) {
    const tree = context.loaders.categories();
    const parentId = input.parentId ?? undefined;
    const position = input.position ?? nextPosition(tree, parentId, CATALOG_LIMITS.maxPosition);
    return adminAnswer(
      context,
      'category',
      () => categoryProblems({ position }),
      async () => {
        // The subtree's height comes from this replica's tree: the moved category's own
        // descendants, which the move does not change.
        const category = await context.catalog.moveCategory(input.id, input.expectedVersion ?? undefined, { parentId, position }, subtreeHeight(tree, input.id));
        context.logger.info({ categoryId: category.id, parentId: parentId ?? null }, 'category moved');
        return publishCategory(context, category);
      },
    );
  },
};
