import { eventually } from '../../../test/support/eventually.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatalogHarness, type CatalogHarness } from './support/catalog-harness.js';

const SET_PRICE = /* GraphQL */ `
  mutation ($variantId: ID!, $amount: Int!) {
    setVariantPrice(variantId: $variantId, amount: $amount) {
      variant { id price { amount currencyCode } product { id priceRange { min { amount } max { amount } } } }
      errors { code message field }
    }
  }
`;
const SET_STOCK = /* GraphQL */ `
  mutation ($variantId: ID!, $quantity: Int!) {
    setStock(variantId: $variantId, quantity: $quantity) { variant { id availableQuantity inStock } errors { code field } }
  }
`;
const CHEAPEST = /* GraphQL */ `
  query ($filter: ProductFilter) { products(first: 3, sort: PRICE_ASC, filter: $filter) { edges { node { id priceRange { min { amount } } } } } }
`;

interface SetPriceData {
  setVariantPrice: {
    variant: { id: string; price: { amount: number; currencyCode: string }; product: { id: string; priceRange: { min: { amount: number }; max: { amount: number } } } } | null;
    errors: { code: string; field: string[] }[];
  };
}
type CheapestData = { products: { edges: { node: { id: string; priceRange: { min: { amount: number } } } }[] } };


describe('catalog changes reach every replica', () => {
  let harness: CatalogHarness;
  let replicaA: string;
  let replicaB: string;
  beforeAll(async () => {
    harness = await startCatalogHarness('index-sync');
    [replicaA, replicaB] = [await harness.startCatalog(), await harness.startCatalog()];
  });
  afterAll(() => harness?.stop());

  async function cheapest(url: string, filter?: Record<string, unknown>): Promise<string[]> {
    const { body } = await harness.request<CheapestData>(url, CHEAPEST, filter ? { filter } : {});
    expect(body.errors).toBeUndefined();
    return body.data!.products.edges.map((edge) => edge.node.id);
  }

  it('when an admin re-prices a variant on one replica, then the product range and price order change on both', async () => {
    expect(await cheapest(replicaB)).toEqual(['p03', 'p05', 'p04']);
    const { body } = await harness.request<SetPriceData>(replicaA, SET_PRICE, { variantId: 'p09_v1', amount: 100 }, { role: 'ADMIN' });
    expect(body.data!.setVariantPrice.errors).toEqual([]);
    expect(body.data!.setVariantPrice.variant).toMatchObject({ price: { amount: 100, currencyCode: 'USD' }, product: { id: 'p09', priceRange: { min: { amount: 100 }, max: { amount: 100 } } } });
    // The replica that wrote it shows it at once; the other within a notice's delivery.
    expect(await cheapest(replicaA)).toEqual(['p09', 'p03', 'p05']);
    await eventually(async () => expect(await cheapest(replicaB)).toEqual(['p09', 'p03', 'p05']));
  });

  it('when one variant of a two-variant product is re-priced, then min and max come from both variants', async () => {
    const { body } = await harness.request<SetPriceData>(replicaA, SET_PRICE, { variantId: 'p02_v2', amount: 20_000 }, { role: 'ADMIN' });
    expect(body.data!.setVariantPrice.variant!.product.priceRange).toEqual({ min: { amount: 12_999 }, max: { amount: 20_000 } });
  });

  it('when two admins re-price the two variants of one product at once, then the range reflects both', async () => {
    const [first, second] = await Promise.all([
      harness.request<SetPriceData>(replicaA, SET_PRICE, { variantId: 'p06_v1', amount: 3_000 }, { role: 'ADMIN' }),
      harness.request<SetPriceData>(replicaB, SET_PRICE, { variantId: 'p06_v2', amount: 9_000 }, { role: 'ADMIN' }),
    ]);
    expect([first.body.data!.setVariantPrice.errors, second.body.data!.setVariantPrice.errors]).toEqual([[], []]);
    const { body } = await harness.request<{ product: { priceRange: { min: { amount: number }; max: { amount: number } } } }>(
      replicaB,
      '{ product(id: "p06") { priceRange { min { amount } max { amount } } } }',
    );
    expect(body.data!.product.priceRange).toEqual({ min: { amount: 3_000 }, max: { amount: 9_000 } });
  });

  it('when stock changes at checkout, then the inStock filter follows on every replica within seconds', async () => {
    expect(await cheapest(replicaA, { inStock: true, categorySlug: 'mugs' })).toEqual(['p04']);
    const { body } = await harness.request<{ setStock: { variant: { inStock: boolean; availableQuantity: number }; errors: unknown[] } }>(
      harness.checkoutUrl,
      SET_STOCK,
      { variantId: 'p05_v1', quantity: 7 },
      { role: 'ADMIN' },
    );
    expect(body.data!.setStock).toEqual({ variant: { id: 'p05_v1', availableQuantity: 7, inStock: true }, errors: [] });
    for (const url of [replicaA, replicaB]) {
      await eventually(async () => expect(await cheapest(url, { inStock: true, categorySlug: 'mugs' })).toEqual(['p05', 'p04']), 3_000);
    }
  });

  describe('setVariantPrice refuses', () => {
    it('when there is no session or the role is not ADMIN, then UNAUTHENTICATED or FORBIDDEN and nothing changes', async () => {
      const anonymous = await harness.request<SetPriceData>(replicaA, SET_PRICE, { variantId: 'p01_v1', amount: 1 });
      expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const customer = await harness.request<SetPriceData>(replicaA, SET_PRICE, { variantId: 'p01_v1', amount: 1 }, { role: 'CUSTOMER' });
      expect(customer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const { body } = await harness.request<{ product: { priceRange: { min: { amount: number } } } }>(replicaA, '{ product(id: "p01") { priceRange { min { amount } } } }');
      expect(body.data!.product.priceRange.min.amount).toBe(8999);
    });

    it.each([
      [-1, 'INVALID_PRICE', ['amount']],
      [10_000_001, 'INVALID_PRICE', ['amount']],
    ])('when the amount is %i, then a UserError %s names the field', async (amount, code, field) => {
      const { body } = await harness.request<SetPriceData>(replicaA, SET_PRICE, { variantId: 'p01_v1', amount }, { role: 'ADMIN' });
      expect(body.data!.setVariantPrice).toEqual({ variant: null, errors: [expect.objectContaining({ code, field })] });
    });

    it('when the variant does not exist, then a UserError VARIANT_NOT_FOUND', async () => {
      const { body } = await harness.request<SetPriceData>(replicaA, SET_PRICE, { variantId: 'nope', amount: 100 }, { role: 'ADMIN' });
      expect(body.data!.setVariantPrice).toEqual({ variant: null, errors: [expect.objectContaining({ code: 'VARIANT_NOT_FOUND', field: ['variantId'] })] });
    });
  });
});

describe('when Redis is unreachable', () => {
  let harness: CatalogHarness;
  beforeAll(async () => {
    harness = await startCatalogHarness('index-sync-noredis');
  });
  afterAll(() => harness?.stop());

  it('then a replica still picks up another replica’s price change by its periodic refresh', async () => {
    const offline = { REDIS_URL: 'redis://127.0.0.1:9', CATALOG_INDEX_REFRESH_MS: '300' };
    const writer = await harness.startCatalog(offline);
    const reader = await harness.startCatalog(offline);
    const first = async (url: string) =>
      (await harness.request<CheapestData>(url, CHEAPEST, {})).body.data!.products.edges[0]!.node.id;
    expect(await first(reader)).toBe('p03');
    const { body } = await harness.request<SetPriceData>(writer, SET_PRICE, { variantId: 'p07_v1', amount: 1 }, { role: 'ADMIN' });
    expect(body.data!.setVariantPrice.errors).toEqual([]);
    await eventually(async () => expect(await first(reader)).toBe('p07'), 5_000);
  });
});
