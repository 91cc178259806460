import type { CatalogContext } from '../context.js';
import type { Category } from '../domain/catalog-types.js';

export const CategoryResolvers = {
  async parent(category: Category, _: unknown, { loaders }: CatalogContext) {
    if (!category.parentId) return null;
    const categories = await loaders.categories();
    return categories.find((candidate) => candidate.id === category.parentId) ?? null;
  },
  async children(category: Category, _: unknown, { loaders }: CatalogContext) {
    const categories = await loaders.categories();
    return categories.filter((candidate) => candidate.parentId === category.id).sort((a, b) => a.position - b.position);
  },
};
