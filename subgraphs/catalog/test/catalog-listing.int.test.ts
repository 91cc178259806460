import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PRODUCTS } from './support/catalog-fixture.js';
import { startCatalogHarness, type CatalogHarness } from './support/catalog-harness.js';

const LIST = /* GraphQL */ `
  query ($first: Int!, $after: String, $filter: ProductFilter, $sort: ProductSort) {
    products(first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount
      edges { cursor node { id title priceRange { min { amount } } createdAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const FACETS = /* GraphQL */ `
  query ($filter: ProductFilter) {
    products(first: 1, filter: $filter) {
      totalCount
      facets {
        categories { category { slug } count }
        priceBands { min { amount currencyCode } max { amount } count }
      }
    }
  }
`;

interface ListData {
  products: { totalCount: number; edges: { cursor: string; node: { id: string; title: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

describe('catalog listing, search and facets', () => {
  let harness: CatalogHarness;
  let url: string;
  beforeAll(async () => {
    harness = await startCatalogHarness('catalog-listing');
    url = await harness.startCatalog();
  });
  afterAll(() => harness?.stop());

  async function list(variables: Record<string, unknown>) {
    const { body } = await harness.request<ListData>(url, LIST, variables);
    return body;
  }
  async function ids(variables: Record<string, unknown>): Promise<string[]> {
    const body = await list({ first: 100, ...variables });
    expect(body.errors).toBeUndefined();
    return body.data!.products.edges.map((edge) => edge.node.id);
  }
  /** Walks every page of a listing, `first` at a time. */
  async function walk(variables: Record<string, unknown>, first: number): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const body = await list({ ...variables, first, after });
      expect(body.errors).toBeUndefined();
      const { edges, pageInfo, totalCount }: ListData['products'] = body.data!.products;
      expect(edges.length).toBeLessThanOrEqual(first);
      seen.push(...edges.map((edge) => edge.node.id));
      expect(seen.length).toBeLessThanOrEqual(totalCount);
      after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    } while (after);
    return seen;
  }

  const byPrice = [...FIXTURE_PRODUCTS].sort((a, b) => a.priceRange.min.amount - b.priceRange.min.amount).map((p) => p.id);

  it('when every sort is asked for, then each orders the whole catalog as it says', async () => {
    expect(await ids({ sort: 'PRICE_ASC' })).toEqual(byPrice);
    expect(await ids({ sort: 'PRICE_DESC' })).toEqual([...byPrice].reverse());
    expect(await ids({ sort: 'NEWEST' })).toEqual(FIXTURE_PRODUCTS.map((p) => p.id).reverse());
    // Accent-insensitive: "Crème" sorts as "creme", between "Cotton" and "Leather".
    expect(await ids({ sort: 'TITLE' })).toEqual(['p08', 'p05', 'p07', 'p04', 'p09', 'p06', 'p02', 'p03', 'p01']);
    expect(await ids({})).toEqual(await ids({ sort: 'TITLE' }));
  });

  it.each(['TITLE', 'PRICE_ASC', 'PRICE_DESC', 'NEWEST'])('when %s is walked two at a time, then every product comes once, in the order of one big page', async (sort) => {
    const pages = await walk({ sort }, 2);
    expect(pages).toEqual(await ids({ sort }));
    expect(new Set(pages).size).toBe(FIXTURE_PRODUCTS.length);
  });

  it('when a filtered search is walked one at a time, then it matches its single page', async () => {
    const filter = { query: 'sho', categorySlug: 'footwear' };
    expect(await walk({ filter, sort: 'RELEVANCE' }, 1)).toEqual(await ids({ filter, sort: 'RELEVANCE' }));
  });

  it('when filtering by a category, then products of its descendants are included', async () => {
    expect((await ids({ filter: { categorySlug: 'footwear' } })).sort()).toEqual(['p01', 'p02', 'p03', 'p09']);
    expect((await ids({ filter: { categorySlug: 'athletic' } })).sort()).toEqual(['p01', 'p02', 'p03']);
    expect((await ids({ filter: { categorySlug: 'mugs' } })).sort()).toEqual(['p04', 'p05']);
  });

  it('when filtering by price, then the bounds on the lowest variant price are inclusive', async () => {
    expect((await ids({ filter: { minPrice: 5999, maxPrice: 8999 } })).sort()).toEqual(['p01', 'p06', 'p08']);
    expect(await ids({ filter: { minPrice: 24999 } })).toEqual(['p09']);
    expect(await ids({ filter: { maxPrice: 499 } })).toEqual(['p03']);
  });

  it('when filtering by stock, then a product counts as in stock if any variant is', async () => {
    expect((await ids({ filter: { inStock: true } })).sort()).toEqual(['p01', 'p03', 'p04', 'p06', 'p07', 'p09']);
    expect((await ids({ filter: { inStock: false } })).sort()).toEqual(['p02', 'p05', 'p08']);
  });

  it('when searching, then matching is tokenised, case-, accent- and prefix-insensitive and ranked', async () => {
    // Title matches on both words outrank a product matching in its description and category.
    expect(await ids({ filter: { query: 'Running SHOE' } })).toEqual(['p01', 'p02', 'p03']);
    expect((await ids({ filter: { query: 'sho' } })).sort()).toEqual(['p01', 'p02', 'p03']);
    expect(await ids({ filter: { query: 'creme brulee' } })).toEqual(['p04']);
    // A title match ("Cafe") outranks a description match ("café").
    expect(await ids({ filter: { query: 'CAFÉ' } })).toEqual(['p05', 'p04']);
    expect(await ids({ filter: { query: 'hood', inStock: true } })).toEqual(['p06']);
    // Category names are searchable: "kitchen" is the family of both mugs.
    expect((await ids({ filter: { query: 'kitchen' } })).sort()).toEqual(['p04', 'p05']);
  });

  it('when facets are asked for, then they count the filtered products per category and price band', async () => {
    const { body } = await harness.request<{ products: { totalCount: number; facets: { categories: { category: { slug: string }; count: number }[]; priceBands: { min: { amount: number; currencyCode: string }; max: { amount: number } | null; count: number }[] } } }>(
      url,
      FACETS,
      { filter: { categorySlug: 'footwear' } },
    );
    expect(body.errors).toBeUndefined();
    const { facets, totalCount } = body.data!.products;
    expect(totalCount).toBe(4);
    expect(facets.categories.map(({ category, count }) => [category.slug, count])).toEqual([
      ['footwear', 4],
      ['athletic', 3],
      ['running-shoes', 2],
      ['trail-shoes', 1],
      ['outdoor', 1],
      ['boots', 1],
    ]);
    expect(facets.priceBands.map(({ min, max, count }) => [min.amount, max?.amount ?? null, count])).toEqual([
      [0, 2500, 1],
      [2500, 5000, 0],
      [5000, 10000, 1],
      [10000, 20000, 1],
      [20000, null, 1],
    ]);
    expect(facets.priceBands[0]!.min.currencyCode).toBe('USD');
  });

  it('when a listing is asked for, then it carries a public cache hint', async () => {
    const { headers } = await harness.request(url, LIST, { first: 2 });
    expect(headers.get('cache-control')).toBe('max-age=30, public');
    const stockFiltered = await harness.request(url, LIST, { first: 2, filter: { inStock: true } });
    expect(stockFiltered.headers.get('cache-control')).toBe('max-age=5, public');
  });

  describe('bad inputs', () => {
    it.each([0, -1, 101, 1_000_000])('when first is %i, then it answers BAD_USER_INPUT naming first', async (first) => {
      const body = await list({ first });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['first'] });
    });

    it('when a cursor is malformed or from another filter or sort, then it answers BAD_USER_INPUT naming after', async () => {
      const titlePage = await list({ first: 2, sort: 'TITLE' });
      const titleCursor = titlePage.data!.products.pageInfo.endCursor!;
      const searchPage = await list({ first: 1, filter: { query: 'mug' } });
      const searchCursor = searchPage.data!.products.pageInfo.endCursor!;
      for (const variables of [
        { first: 2, sort: 'PRICE_ASC', after: titleCursor },
        { first: 2, sort: 'TITLE', after: titleCursor, filter: { categorySlug: 'home' } },
        { first: 2, filter: { query: 'shoe' }, after: searchCursor },
        { first: 2, after: 'bm90LWEtY3Vyc29y' },
        { first: 2, after: '"; DROP TABLE products; --' },
        { first: 2, after: 'A'.repeat(10_000) },
      ]) {
        const body = await list(variables);
        expect(body.errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', field: ['after'] });
      }
      // Control: the same cursor continues its own listing.
      expect((await list({ first: 2, sort: 'TITLE', after: titleCursor })).errors).toBeUndefined();
    });

    it.each([
      [{ minPrice: 5000, maxPrice: 100 }, ['filter', 'minPrice']],
      [{ minPrice: -1 }, ['filter', 'minPrice']],
      [{ maxPrice: -5 }, ['filter', 'maxPrice']],
      [{ categorySlug: 'no-such-category' }, ['filter', 'categorySlug']],
      [{ categorySlug: "'; DROP TABLE categories; --" }, ['filter', 'categorySlug']],
      [{ query: 'x'.repeat(10_000) }, ['filter', 'query']],
    ])('when the filter is %j, then it answers BAD_USER_INPUT naming the field', async (filter, field) => {
      const body = await list({ first: 5, filter });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });

    it('when RELEVANCE is asked for without a query, then it answers BAD_USER_INPUT naming sort', async () => {
      expect((await list({ first: 5, sort: 'RELEVANCE' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['sort'] });
    });

    it.each(['!!! ??? ...', '', '   ', '%%%', '*'])('when the query %j has no searchable word, then the result is empty, not an error', async (query) => {
      const body = await list({ first: 5, filter: { query } });
      expect(body.errors).toBeUndefined();
      expect(body.data!.products).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    });

    it.each(["' OR 1=1 --", '{"$gt": ""}', '<script>alert(1)</script>', 'mug); DROP TABLE x;--', '\u0000\u202e mug'])(
      'when the query looks like an injection (%j), then it is searched as plain words',
      async (query) => {
        const body = await list({ first: 100, filter: { query } });
        expect(body.errors).toBeUndefined();
        const found = body.data!.products.edges.map((edge) => edge.node.id);
        // Only words count: a query holding "mug" finds the mugs and nothing else; the others find nothing.
        expect(found.sort()).toEqual(query.includes('mug') && !query.includes('DROP') ? ['p04', 'p05'] : []);
      },
    );
  });
});
