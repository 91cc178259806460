import type { CatalogContext } from '../context.js';
import type { Category } from '../domain/catalog-types.js';

export const CategoryResolvers = {
  parent(category: Category, _: unknown, { loaders }: CatalogContext) {
    if (!category.parentId) return null;
    return loaders.categories().find((candidate) => candidate.id === category.parentId) ?? null;
  },
  children(category: Category, _: unknown, { loaders }: CatalogContext) {
    return loaders.categories().filter((candidate) => candidate.parentId === category.id);
  },
};
