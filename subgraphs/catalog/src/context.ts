import type { SubgraphContext } from '@shopgraph/shared/server';
import DataLoader from 'dataloader';
import type { Category, Product, ProductVariant } from './domain/catalog-types.js';
import type { CatalogRepository } from './store/catalog-repository.js';

/** Per-request batching: every product or variant asked for in one request costs one BatchGetItem per 100 keys. */
export interface CatalogLoaders {
  product: DataLoader<string, Product | undefined>;
  variant: DataLoader<string, ProductVariant | undefined>;
  /** The whole category tree, read at most once per request (it is small). */
  categories: () => Promise<Category[]>;
}

export interface CatalogContext extends SubgraphContext {
  catalog: CatalogRepository;
  loaders: CatalogLoaders;
}

export function createCatalogLoaders(catalog: CatalogRepository): CatalogLoaders {
  let categories: Promise<Category[]> | undefined;
  return {
    product: new DataLoader(async (ids) => {
      const found = await catalog.productsByIds(ids);
      return ids.map((id) => found.get(id));
    }),
    variant: new DataLoader(async (ids) => {
      const found = await catalog.variantsByIds(ids);
      return ids.map((id) => found.get(id));
    }),
    categories: () => (categories ??= catalog.listCategories()),
  };
}
