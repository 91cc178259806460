import { generateDemoCatalog } from '@shopgraph/catalog';
import { demoStockLevel } from '@shopgraph/checkout';
import { createInternalContextSigner, HEADER_INTERNAL_CONTEXT, newSessionId } from '@shopgraph/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation, createStorefront, type GraphQLResponse } from '../support/graphql-client.js';
import { startStack, type TestStack } from '../support/stack.js';

interface BrowseData {
  products: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; slug: string; title: string; featuredImage: { url: string } | null; priceRange: { min: { amount: number; currencyCode: string }; max: { amount: number } } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

interface ProductPageData {
  product: {
    id: string;
    title: string;
    categories: { slug: string; name: string }[];
    variants: { id: string; sku: string; price: { amount: number; currencyCode: string }; availableQuantity: number; inStock: boolean }[];
  } | null;
}

describe('catalog through the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ products: 24 });
  });
  afterAll(() => stack?.stop());

  it('when a storefront walks Browse page by page, then it sees every product once, in title order', async () => {
    const shop = createStorefront(stack.gatewayUrl);
    const seen: string[] = [];
    const titles: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { status, body }: GraphQLResponse<BrowseData> = await shop.request<BrowseData>(contractOperation('Browse'), { first: 5, after });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const { products }: BrowseData = body.data!;
      expect(products.totalCount).toBe(24);
      seen.push(...products.edges.map((edge) => edge.node.id));
      titles.push(...products.edges.map((edge) => edge.node.title.toLowerCase()));
      for (const { node } of products.edges) {
        expect(node.featuredImage?.url).toMatch(/^https:\/\//);
        expect(Number.isInteger(node.priceRange.min.amount)).toBe(true);
        expect(node.priceRange.min.amount).toBeLessThanOrEqual(node.priceRange.max.amount);
        expect(node.priceRange.min.currencyCode).toBe('USD');
      }
      after = products.pageInfo.hasNextPage ? products.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(24);
    expect(titles).toEqual([...titles].sort());
  });

  it('when ProductPage asks for a slug, then variants carry stock contributed by checkout', async () => {
    const shop = createStorefront(stack.gatewayUrl);
    const browse = await shop.request<BrowseData>(contractOperation('Browse'), { first: 1 });
    const slug = browse.body.data!.products.edges[0]!.node.slug;

    const { body } = await shop.request<ProductPageData>(contractOperation('ProductPage'), { slug });
    expect(body.errors).toBeUndefined();
    const product = body.data!.product!;
    // Listed at every level of its branch: department, family, leaf.
    expect(product.categories.map((category) => category.slug).length).toBe(3);
    expect(product.variants.length).toBeGreaterThan(0);
    for (const variant of product.variants) {
      expect(variant.availableQuantity).toBe(demoStockLevel(variant.id));
      expect(variant.inStock).toBe(demoStockLevel(variant.id) > 0);
      expect(variant.price.currencyCode).toBe('USD');
    }
  });

  it('when ProductPage asks for an unknown slug, then product is null without an error', async () => {
    const { body } = await createStorefront(stack.gatewayUrl).request<ProductPageData>(contractOperation('ProductPage'), { slug: 'no-such-product' });
    expect(body.errors).toBeUndefined();
    expect(body.data!.product).toBeNull();
  });

  it('when Browse gets a first out of range or a forged cursor, then it answers BAD_USER_INPUT', async () => {
    const shop = createStorefront(stack.gatewayUrl);
    for (const variables of [{ first: 0 }, { first: 101 }, { first: -3 }, { first: 5, after: 'bm90LWEtY3Vyc29y' }, { first: 5, after: '"; DROP TABLE' }]) {
      const { body } = await shop.request(contractOperation('Browse'), variables);
      expect(body.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
  });

  it('when Categories is asked, then the roots come with their children', async () => {
    const { body } = await createStorefront(stack.gatewayUrl).request<{ categories: { slug: string; children: { slug: string }[] }[] }>(
      contractOperation('Categories'),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.categories.map((category) => category.slug)).toEqual(['apparel', 'footwear', 'home']);
    expect(body.data!.categories[0]!.children.map((child) => child.slug)).toEqual(['tops', 'outerwear']);
  });

  const demo = generateDemoCatalog(24);

  it('when Search asks for a word prefix, then only products with that word come back, best first', async () => {
    const { body } = await createStorefront(stack.gatewayUrl).request<{ products: { totalCount: number; edges: { node: { title: string } }[] } }>(
      contractOperation('Search'),
      { query: 'HOOD', first: 50 },
    );
    expect(body.errors).toBeUndefined();
    const hoodies = demo.products.filter((product) => product.categoryIds.includes('cat_hoodies'));
    expect(hoodies.length).toBeGreaterThan(0);
    expect(body.data!.products.totalCount).toBe(hoodies.length);
    for (const { node } of body.data!.products.edges) expect(node.title).toMatch(/Hoodie/);
  });

  it('when Browse filters by a department and sorts by price, then it lists that subtree cheapest first', async () => {
    const { body } = await createStorefront(stack.gatewayUrl).request<BrowseData>(contractOperation('Browse'), {
      first: 100,
      filter: { categorySlug: 'footwear' },
      sort: 'PRICE_ASC',
    });
    expect(body.errors).toBeUndefined();
    const expected = demo.products.filter((product) => product.categoryIds.includes('cat_footwear'));
    const prices = body.data!.products.edges.map((edge) => edge.node.priceRange.min.amount);
    expect(body.data!.products.totalCount).toBe(expected.length);
    expect(new Set(body.data!.products.edges.map((edge) => edge.node.id))).toEqual(new Set(expected.map((product) => product.id)));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it('when Browse asks for products in stock, then each has a variant checkout holds stock for', async () => {
    const { body } = await createStorefront(stack.gatewayUrl).request<BrowseData>(contractOperation('Browse'), { first: 100, filter: { inStock: true } });
    expect(body.errors).toBeUndefined();
    const inStock = demo.products.filter((product) => product.variantIds.some((id) => demoStockLevel(id) > 0));
    expect(body.data!.products.edges.map((edge) => edge.node.id).sort()).toEqual(inStock.map((product) => product.id).sort());
  });

  it('when an anonymous shopper calls SetVariantPrice, then it is FORBIDDEN; an admin re-price shows in Browse at once', async () => {
    const shop = createStorefront(stack.gatewayUrl);
    const refused = await shop.request(contractOperation('SetVariantPrice'), { variantId: 'var_00007_1', amount: 1 });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const signer = await createInternalContextSigner(stack.keys.internalContextPrivateKey);
    const header = await signer.sign({ session: { sessionId: newSessionId(), customerId: 'cus_admin', role: 'ADMIN' }, requestId: 'admin-test' }, 'catalog');
    const set = await createStorefront(stack.subgraphUrls.catalog).request<{ setVariantPrice: { errors: unknown[] } }>(
      contractOperation('SetVariantPrice'),
      { variantId: 'var_00007_1', amount: 1 },
      { [HEADER_INTERNAL_CONTEXT]: header },
    );
    expect(set.body.data!.setVariantPrice.errors).toEqual([]);
    const { body } = await shop.request<BrowseData>(contractOperation('Browse'), { first: 1, sort: 'PRICE_ASC' });
    expect(body.data!.products.edges[0]!.node).toMatchObject({ id: 'prod_00007', priceRange: { min: { amount: 1 } } });
  });

  it('when Browse is asked anonymously, then no session is handed out and the response may be cached publicly, with a cookie or without', async () => {
    const shop = createStorefront(stack.gatewayUrl);
    const first = await shop.request(contractOperation('Browse'), { first: 3 });
    expect(first.body.errors).toBeUndefined();
    expect(first.headers.get('set-cookie')).toBeNull();
    expect(first.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
    // Control: a session-bound request hands out a cookie, and that answer is private.
    const cart = await shop.request(contractOperation('Cart'));
    expect(cart.headers.get('set-cookie')).not.toBeNull();
    expect(cart.headers.get('cache-control')).toBe('private, no-store');
    const { headers, body } = await shop.request(contractOperation('Browse'), { first: 3 });
    expect(body.errors).toBeUndefined();
    expect(headers.get('set-cookie')).toBeNull();
    expect(headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
  });
});
