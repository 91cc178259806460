import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, cases, productInput } from './support/admin-client.js';
import { startCatalogHarness, type CatalogHarness } from './support/catalog-harness.js';
import { eventually } from '../../../test/support/eventually.js';

const CHEAPEST = '{ products(first: 1, sort: PRICE_ASC) { edges { node { id } } } }';

describe('variant administration on two replicas', () => {
  let harness: CatalogHarness;
  let admin: ReturnType<typeof adminClient>;
  let replicaA: string;
  let replicaB: string;
  beforeAll(async () => {
    harness = await startCatalogHarness('admin-variants');
    admin = adminClient(harness);
    [replicaA, replicaB] = [await harness.startCatalog(), await harness.startCatalog()];
  });
  afterAll(() => harness?.stop());

  const cheapest = async (url: string) => (await harness.request<{ products: { edges: { node: { id: string } }[] } }>(url, CHEAPEST)).body.data!.products.edges[0]!.node.id;
  const variant = (input: Record<string, unknown>) => ({ title: 'Extra', selectedOptions: [{ name: 'Size', value: 'XL' }], price: 5_000, ...input });

  describe('createVariant', () => {
    it('when an admin adds a cheaper variant, then the product range moves, its version rises, and both replicas sort it first', async () => {
      const answer = await admin.run(replicaA, 'createVariant', { productId: 'p07', expectedVersion: 0, ...variant({ sku: 'TEE-XS', price: 99 }) });
      expect(answer.errors).toEqual([]);
      expect(answer['variant']).toMatchObject({ sku: 'TEE-XS', version: 1, available: true, price: { amount: 99, currencyCode: 'USD' }, product: { id: 'p07', version: 1, priceRange: { min: { amount: 99 }, max: { amount: 1_999 } } } });
      for (const url of [replicaA, replicaB]) await eventually(async () => expect(await cheapest(url)).toBe('p07'));
    });

    it.each(cases([
      ['a SKU another variant has', { sku: 'FX-p01-1' }, 'SKU_TAKEN', ['sku']],
      ['a SKU with a slash', { sku: 'A/B' }, 'SKU_INVALID', ['sku']],
      ['an empty title', { sku: 'V-T', title: '' }, 'TITLE_INVALID', ['title']],
      ['six options', { sku: 'V-O', selectedOptions: ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => ({ name, value: '1' })) }, 'OPTIONS_INVALID', ['selectedOptions']],
      ['a price over 10,000,000 minor units', { sku: 'V-P', price: 10_000_001 }, 'INVALID_PRICE', ['price']],
    ]))('when the variant has $label, then $code on that field and the product is unchanged', async ({ input: fields, code, field }) => {
      const answer = await admin.run(replicaA, 'createVariant', { productId: 'p05', ...variant(fields) });
      expect(answer).toEqual({ variant: null, errors: [expect.objectContaining({ code, field })] });
      const { body } = await harness.request<{ product: { version: number; variants: unknown[] } }>(replicaA, '{ product(id: "p05") { version variants { id } } }');
      expect(body.data!.product).toEqual({ version: 0, variants: [{ id: 'p05_v1' }] });
    });

    it('when the product does not exist or has moved on from the version sent, then PRODUCT_NOT_FOUND or VERSION_CONFLICT', async () => {
      expect((await admin.run(replicaA, 'createVariant', { productId: 'p404', ...variant({ sku: 'V-404' }) })).errors).toEqual([expect.objectContaining({ code: 'PRODUCT_NOT_FOUND', field: ['productId'] })]);
      expect((await admin.run(replicaA, 'createVariant', { productId: 'p03', expectedVersion: 3, ...variant({ sku: 'V-OLD' }) })).errors).toEqual([expect.objectContaining({ code: 'VERSION_CONFLICT' })]);
      // Control: from the current version it lands.
      expect((await admin.run(replicaA, 'createVariant', { productId: 'p03', expectedVersion: 0, ...variant({ sku: 'V-OLD' }) })).errors).toEqual([]);
    });
  });

  describe('updateVariant', () => {
    it('when an admin changes title, options and SKU, then the old SKU is free and the new one taken', async () => {
      const answer = await admin.run(replicaA, 'updateVariant', { id: 'p01_v1', expectedVersion: 0, sku: 'TRAIL-42', title: 'EU 42', selectedOptions: [{ name: 'Size', value: '42' }] });
      expect(answer.errors).toEqual([]);
      expect(answer['variant']).toMatchObject({ id: 'p01_v1', sku: 'TRAIL-42', title: 'EU 42', version: 1, selectedOptions: [{ name: 'Size', value: '42' }] });
      expect((await admin.run(replicaB, 'createVariant', { productId: 'p01', ...variant({ sku: 'TRAIL-42' }) })).errors).toEqual([expect.objectContaining({ code: 'SKU_TAKEN' })]);
      expect((await admin.run(replicaB, 'createVariant', { productId: 'p01', ...variant({ sku: 'FX-p01-1' }) })).errors).toEqual([]);
    });

    it('when an admin re-prices a variant, then the product range moves on every replica', async () => {
      const answer = await admin.run(replicaB, 'updateVariant', { id: 'p02_v1', price: 50 });
      expect(answer['variant']).toMatchObject({ price: { amount: 50 }, product: { priceRange: { min: { amount: 50 }, max: { amount: 13_999 } } } });
      for (const url of [replicaA, replicaB]) await eventually(async () => expect(await cheapest(url)).toBe('p02'));
    });

    it('when two admins edit one variant from the same version at once, then one lands and the other gets VERSION_CONFLICT', async () => {
      const answers = await Promise.all([
        admin.run(replicaA, 'updateVariant', { id: 'p06_v1', expectedVersion: 0, title: 'A' }),
        admin.run(replicaB, 'updateVariant', { id: 'p06_v1', expectedVersion: 0, title: 'B' }),
      ]);
      expect(answers.map((answer) => answer.errors[0]?.code ?? 'OK').sort()).toEqual(['OK', 'VERSION_CONFLICT']);
    });

    it('when two admins re-price both variants of a product at once without a version, then both land and the range holds both', async () => {
      const answers = await Promise.all([
        admin.run(replicaA, 'updateVariant', { id: 'p06_v2', price: 7_000 }),
        admin.run(replicaB, 'updateVariant', { id: 'p06_v1', price: 9_000 }),
      ]);
      expect(answers.map((answer) => answer.errors)).toEqual([[], []]);
      const { body } = await harness.request<{ product: { priceRange: unknown } }>(replicaA, '{ product(id: "p06") { priceRange { min { amount } max { amount } } } }');
      expect(body.data!.product.priceRange).toEqual({ min: { amount: 7_000 }, max: { amount: 9_000 } });
    });

    it.each(cases([
      ['no field to change', {}, 'NOTHING_TO_CHANGE'],
      ['a SKU another variant has', { sku: 'FX-p04-1' }, 'SKU_TAKEN'],
      ['an invalid SKU', { sku: '' }, 'SKU_INVALID'],
      ['a negative price', { price: -5 }, 'INVALID_PRICE'],
      ['an option value with a line break', { selectedOptions: [{ name: 'Size', value: 'M\nL' }] }, 'OPTIONS_INVALID'],
    ]))('when the change has $label, then $code', async ({ input: changes, code }) => {
      expect((await admin.run(replicaA, 'updateVariant', { id: 'p05_v1', ...changes })).errors).toEqual([expect.objectContaining({ code })]);
    });

    it('when the variant does not exist, then VARIANT_NOT_FOUND', async () => {
      expect((await admin.run(replicaA, 'updateVariant', { id: 'nope', title: 'X' })).errors).toEqual([expect.objectContaining({ code: 'VARIANT_NOT_FOUND', field: ['id'] })]);
    });

    it('when setVariantPrice changed a variant, then an edit from its earlier version is a VERSION_CONFLICT', async () => {
      const created = (await admin.run(replicaA, 'createProduct', productInput('versioned')))['product'] as unknown as { variants: { id: string }[] };
      const id = created.variants[0]!.id;
      const { body } = await harness.request(replicaA, 'mutation ($id: ID!) { setVariantPrice(variantId: $id, amount: 10) { errors { code } } }', { id }, { role: 'ADMIN' });
      expect(body.errors).toBeUndefined();
      expect((await admin.run(replicaB, 'updateVariant', { id, expectedVersion: 1, title: 'Late' })).errors).toEqual([expect.objectContaining({ code: 'VERSION_CONFLICT' })]);
      expect((await admin.run(replicaB, 'updateVariant', { id, expectedVersion: 2, title: 'Late' }))['variant']).toMatchObject({ version: 3, price: { amount: 10 } });
    });
  });
});
