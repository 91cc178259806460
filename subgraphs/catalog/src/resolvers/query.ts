import { codedError, ErrorCode, notImplemented } from '@shopgraph/shared';
import type { CatalogContext } from '../context.js';
import { InvalidCursorError } from '../store/catalog-repository.js';

export const MAX_PAGE_SIZE = 100;

export interface ProductsArgs {
  first: number;
  after?: string | null;
  filter?: Record<string, unknown> | null;
  sort?: string | null;
}

export const Query = {
  async products(_: unknown, { first, after, filter, sort }: ProductsArgs, { catalog, loaders }: CatalogContext) {
    if (first < 1 || first > MAX_PAGE_SIZE) {
      throw codedError(ErrorCode.BAD_USER_INPUT, `first must be between 1 and ${MAX_PAGE_SIZE}.`, { field: 'first' });
    }
    const filtering = filter && Object.values(filter).some((value) => value !== null && value !== undefined);
    if (filtering || (sort && sort !== 'TITLE')) {
      throw notImplemented('Filtering, search and sorting other than TITLE');
    }
    try {
      const page = await catalog.listProductsByTitle(first, after ?? undefined);
      for (const product of page.products) loaders.product.prime(product.id, product);
      return {
        totalCount: page.totalCount,
        edges: page.products.map((node, index) => ({ node, cursor: page.cursors[index] })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
      };
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        throw codedError(ErrorCode.BAD_USER_INPUT, 'after is not a cursor from this listing.', { field: 'after' });
      }
      throw error;
    }
  },

  async product(_: unknown, { id, slug }: { id?: string | null; slug?: string | null }, { catalog, loaders }: CatalogContext) {
    if ((id == null) === (slug == null)) {
      throw codedError(ErrorCode.BAD_USER_INPUT, 'Give exactly one of id or slug.');
    }
    const productId = id ?? (await catalog.productIdBySlug(slug as string));
    return productId ? ((await loaders.product.load(productId)) ?? null) : null;
  },

  async categories(_: unknown, __: unknown, { loaders }: CatalogContext) {
    const categories = await loaders.categories();
    return categories.filter((category) => !category.parentId).sort((a, b) => a.position - b.position);
  },
};
