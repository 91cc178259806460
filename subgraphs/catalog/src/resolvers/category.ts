import type { CategoryResolvers as Resolvers } from '../generated/resolver-types.js';

export const CategoryResolvers: Resolvers = {
  parent(category, _, { loaders }) {
    if (!category.parentId) return null;
    return loaders.categories().find((candidate) => candidate.id === category.parentId) ?? null;
  },
  children(category, _, { loaders }) {
    return loaders.categories().filter((candidate) => candidate.parentId === category.id);
  },
};
