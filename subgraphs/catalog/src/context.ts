import type { SubgraphContext } from '@shopgraph/shared/server';
import DataLoader from 'dataloader';
import type { Category, Product, ProductVariant } from './domain/catalog-types.js';
import type { CatalogRepository } from './store/catalog-repository.js';
import type { CatalogIndexService } from './sync/catalog-index-service.js';

/** Per-request batching: every product or variant asked for in one request costs one BatchGetItem per 100 keys. */
export interface CatalogLoaders {
  product: DataLoader<string, Product | undefined>;
  variant: DataLoader<string, ProductVariant | undefined>;
  /** The category tree, from the replica's index: no DynamoDB read. */
  categories: () => readonly Category[];
}

/** What catalog resolvers get: the verified session (if any), the repository, the index, loaders. */
export interface CatalogContext extends SubgraphContext {
  catalog: CatalogRepository;
  search: CatalogIndexService;
  loaders: CatalogLoaders;
}

export function createCatalogLoaders(catalog: CatalogRepository, search: CatalogIndexService): CatalogLoaders {
  return {
    product: new DataLoader(async (ids) => {
      const found = await catalog.productsByIds(ids);
      return ids.map((id) => found.get(id));
    }),
    variant: new DataLoader(async (ids) => {
      const found = await catalog.variantsByIds(ids);
      return ids.map((id) => found.get(id));
    }),
    categories: () => search.current().categories(),
  };
}
