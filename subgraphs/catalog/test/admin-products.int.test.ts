import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, cases, productInput, type Answer } from './support/admin-client.js';
import { startCatalogHarness, type CatalogHarness } from './support/catalog-harness.js';
import { eventually } from '../../../test/support/eventually.js';

type Product = { id: string; slug: string; title: string; version: number; archivedAt: string | null; variants: { id: string; sku: string; available: boolean }[] };
const product = (answer: Answer) => answer['product'] as unknown as Product;

describe('product administration on two replicas', () => {
  let harness: CatalogHarness;
  let admin: ReturnType<typeof adminClient>;
  let replicaA: string;
  let replicaB: string;
  beforeAll(async () => {
    harness = await startCatalogHarness('admin-products');
    admin = adminClient(harness);
    [replicaA, replicaB] = [await harness.startCatalog(), await harness.startCatalog()];
  });
  afterAll(() => harness?.stop());

  describe('createProduct', () => {
    it('when an admin creates a product on one replica, then it is stored with its variants and both replicas find it by search and category', async () => {
      const answer = await admin.run(replicaA, 'createProduct', productInput('create'));
      expect(answer.errors).toEqual([]);
      expect(answer['product']).toMatchObject({
        slug: 'create-kettle',
        version: 1,
        archivedAt: null,
        categories: [{ id: 'cat_kitchen' }],
        priceRange: { min: { amount: 3_500 }, max: { amount: 4_500 } },
        variants: [{ sku: 'CREATE-1', available: true }, { sku: 'CREATE-2', available: true }],
      });
      const { id } = product(answer);
      expect(await admin.search(replicaA, { query: 'copper create' })).toEqual([id]);
      await eventually(async () => expect(await admin.search(replicaB, { query: 'copper create' })).toEqual([id]));
      // Listed under kitchen, so under its department too.
      expect(await admin.search(replicaB, { categorySlug: 'home' })).toContain(id);
      expect(await admin.productBySlug(replicaB, 'create-kettle')).toMatchObject({ id });
    });

    it.each(cases([
      ['a slug with capitals', { slug: 'Bad Slug' }, 'SLUG_INVALID', ['slug']],
      ['a slug over 100 characters', { slug: 'a'.repeat(101) }, 'SLUG_INVALID', ['slug']],
      ['an empty title', { title: '  ' }, 'TITLE_INVALID', ['title']],
      ['a title over 200 characters', { title: 'T'.repeat(201) }, 'TITLE_INVALID', ['title']],
      ['a title with a line break', { title: 'Two\nlines' }, 'TITLE_INVALID', ['title']],
      ['a description over 5,000 characters', { description: 'd'.repeat(5_001) }, 'DESCRIPTION_INVALID', ['description']],
      ['an image that is not a URL', { images: [{ url: 'kettle.jpg' }] }, 'IMAGES_INVALID', ['images', '0']],
      ['11 images', { images: Array.from({ length: 11 }, (_, n) => ({ url: `https://images.example/${n}.jpg` })) }, 'IMAGES_INVALID', ['images']],
      ['11 categories', { categoryIds: Array.from({ length: 11 }, (_, n) => `cat_${n}`) }, 'CATEGORIES_INVALID', ['categoryIds']],
      ['a category twice', { categoryIds: ['cat_mugs', 'cat_mugs'] }, 'CATEGORIES_INVALID', ['categoryIds']],
      ['no variant', { variants: [] }, 'VARIANTS_INVALID', ['variants']],
      ['41 variants', { variants: Array.from({ length: 41 }, (_, n) => ({ sku: `MANY-${n}`, title: `V${n}`, selectedOptions: [], price: 100 })) }, 'VARIANTS_INVALID', ['variants']],
      ['a SKU with a space', { variants: [{ sku: 'BAD SKU', title: 'V', selectedOptions: [], price: 100 }] }, 'SKU_INVALID', ['variants', '0', 'sku']],
      ['one SKU twice', { variants: [{ sku: 'TWICE', title: 'A', selectedOptions: [], price: 100 }, { sku: 'TWICE', title: 'B', selectedOptions: [], price: 100 }] }, 'SKU_TAKEN', ['variants', '1', 'sku']],
      ['an option name twice', { variants: [{ sku: 'OPT-1', title: 'V', selectedOptions: [{ name: 'Size', value: 'S' }, { name: 'Size', value: 'M' }], price: 100 }] }, 'OPTIONS_INVALID', ['variants', '0', 'selectedOptions']],
      ['an option name with "="', { variants: [{ sku: 'OPT-2', title: 'V', selectedOptions: [{ name: 'a=b', value: 'S' }], price: 100 }] }, 'OPTIONS_INVALID', ['variants', '0', 'selectedOptions']],
      ['a negative price', { variants: [{ sku: 'NEG-1', title: 'V', selectedOptions: [], price: -1 }] }, 'INVALID_PRICE', ['variants', '0', 'price']],
      ['a price over 10,000,000 minor units', { variants: [{ sku: 'BIG-1', title: 'V', selectedOptions: [], price: 10_000_001 }] }, 'INVALID_PRICE', ['variants', '0', 'price']],
      ['a category that does not exist', { categoryIds: ['cat_mugs', 'cat_nowhere'] }, 'CATEGORY_NOT_FOUND', ['categoryIds', '1']],
      ['the slug of another product', { slug: 'cafe-mug' }, 'SLUG_TAKEN', ['slug']],
      ['the SKU of another variant', { variants: [{ sku: 'NEW-SKU-9', title: 'A', selectedOptions: [], price: 100 }, { sku: 'FX-p04-1', title: 'B', selectedOptions: [], price: 100 }] }, 'SKU_TAKEN', ['variants', '1', 'sku']],
    ]))('when the input has $label, then a UserError $code names the field and nothing is written', async ({ input: overrides, code, field }) => {
      const tag = `bad${Math.random().toString(36).slice(2, 8)}`;
      const answer = await admin.run(replicaA, 'createProduct', productInput(tag, overrides));
      expect(answer).toEqual({ product: null, errors: [expect.objectContaining({ code, field })] });
      // Nothing half-written: the product's slug and its first SKU are still free.
      const control = await admin.run(replicaA, 'createProduct', productInput(tag, { variants: [{ sku: `${tag}-X`, title: 'X', selectedOptions: [], price: 1 }] }));
      expect(control.errors).toEqual([]);
    });

    it('when a shopper or nobody calls it, then FORBIDDEN or UNAUTHENTICATED and nothing is written', async () => {
      expect(await admin.refusal(replicaA, 'createProduct', productInput('anon'))).toBe('UNAUTHENTICATED');
      expect(await admin.refusal(replicaA, 'createProduct', productInput('anon'), 'CUSTOMER')).toBe('FORBIDDEN');
      expect(await admin.productBySlug(replicaA, 'anon-kettle')).toBeNull();
    });

    it('when two admins create products with the same slug at once, then exactly one is stored', async () => {
      const answers = await Promise.all([
        admin.run(replicaA, 'createProduct', productInput('race', { variants: [{ sku: 'RACE-A', title: 'A', selectedOptions: [], price: 1 }] })),
        admin.run(replicaB, 'createProduct', productInput('race', { variants: [{ sku: 'RACE-B', title: 'B', selectedOptions: [], price: 1 }] })),
      ]);
      expect(answers.map((answer) => answer.errors[0]?.code ?? 'OK').sort()).toEqual(['OK', 'SLUG_TAKEN']);
    });
  });

  describe('updateProduct', () => {
    it('when an admin changes the title and slug at the version it read, then both replicas search by the new title and the old slug is free again', async () => {
      const created = product(await admin.run(replicaA, 'createProduct', productInput('rename')));
      const answer = await admin.run(replicaA, 'updateProduct', { id: created.id, expectedVersion: 1, title: 'Enamel Whistling Teakettle', slug: 'enamel-teakettle' });
      expect(answer.errors).toEqual([]);
      expect(answer['product']).toMatchObject({ title: 'Enamel Whistling Teakettle', slug: 'enamel-teakettle', version: 2 });
      for (const url of [replicaA, replicaB]) {
        await eventually(async () => {
          expect(await admin.search(url, { query: 'teakettle' })).toEqual([created.id]);
          expect(await admin.search(url, { query: 'copper rename' })).toEqual([]);
        });
      }
      expect(await admin.productBySlug(replicaB, 'rename-kettle')).toBeNull();
      const reuse = await admin.run(replicaB, 'createProduct', productInput('rename', { variants: [{ sku: 'RENAME-NEW', title: 'X', selectedOptions: [], price: 1 }] }));
      expect(reuse.errors).toEqual([]);
    });

    it('when the version sent is not the current one, then VERSION_CONFLICT names the current version and nothing changes', async () => {
      const created = product(await admin.run(replicaA, 'createProduct', productInput('stale')));
      expect((await admin.run(replicaB, 'updateProduct', { id: created.id, expectedVersion: 1, title: 'First Edit' })).errors).toEqual([]);
      const stale = await admin.run(replicaA, 'updateProduct', { id: created.id, expectedVersion: 1, title: 'Second Edit' });
      expect(stale).toEqual({ product: null, errors: [expect.objectContaining({ code: 'VERSION_CONFLICT', field: ['expectedVersion'] })] });
      expect(stale.errors[0]!.message).toContain('version 2');
      // Control: the same change from the current version lands.
      expect((await admin.run(replicaA, 'updateProduct', { id: created.id, expectedVersion: 2, title: 'Second Edit' })).errors).toEqual([]);
    });

    it('when two admins edit one product from the same version at once, then one lands and the other gets VERSION_CONFLICT', async () => {
      const created = product(await admin.run(replicaA, 'createProduct', productInput('both')));
      const answers = await Promise.all([
        admin.run(replicaA, 'updateProduct', { id: created.id, expectedVersion: 1, title: 'Edit A' }),
        admin.run(replicaB, 'updateProduct', { id: created.id, expectedVersion: 1, title: 'Edit B' }),
      ]);
      expect(answers.map((answer) => answer.errors[0]?.code ?? 'OK').sort()).toEqual(['OK', 'VERSION_CONFLICT']);
    });

    it.each(cases([
      ['no field to change', {}, 'NOTHING_TO_CHANGE', undefined],
      ['an invalid slug', { slug: '-x-' }, 'SLUG_INVALID', ['slug']],
      ['the slug of another product', { slug: 'leather-boot' }, 'SLUG_TAKEN', ['slug']],
      ['an empty title', { title: '' }, 'TITLE_INVALID', ['title']],
      ['a category that does not exist', { categoryIds: ['cat_nowhere'] }, 'CATEGORY_NOT_FOUND', ['categoryIds', '0']],
    ]))('when the change has $label, then $code', async ({ input: changes, code, field }) => {
      const answer = await admin.run(replicaA, 'updateProduct', { id: 'p07', ...changes });
      expect(answer).toEqual({ product: null, errors: [expect.objectContaining({ code, ...(field ? { field } : {}) })] });
    });

    it('when the product does not exist, then PRODUCT_NOT_FOUND', async () => {
      const answer = await admin.run(replicaA, 'updateProduct', { id: 'p404', title: 'Nope' });
      expect(answer.errors).toEqual([expect.objectContaining({ code: 'PRODUCT_NOT_FOUND', field: ['id'] })]);
    });
  });

  describe('archiveProduct', () => {
    it('when an admin archives a product, then no replica lists or finds it, and its variants still resolve as unavailable', async () => {
      expect(await admin.search(replicaB, { query: 'leather boot' })).toEqual(['p09']);
      const answer = await admin.run(replicaA, 'archiveProduct', { id: 'p09', expectedVersion: 0 });
      expect(answer.errors).toEqual([]);
      expect(answer['product']).toMatchObject({ id: 'p09', version: 1, archivedAt: expect.any(String) as string, variants: [{ id: 'p09_v1', available: false }] });
      for (const url of [replicaA, replicaB]) {
        await eventually(async () => {
          expect(await admin.search(url, { query: 'leather boot' })).toEqual([]);
          expect(await admin.search(url, { categorySlug: 'boots' })).toEqual([]);
        });
      }
      expect(await admin.productBySlug(replicaB, 'leather-boot')).toBeNull();
      // Carts and orders reach it through the variant, with its product.
      expect(await admin.variantsAsEntities(replicaB, ['p09_v1', 'p01_v1'])).toEqual([
        { id: 'p09_v1', available: false, product: { id: 'p09' } },
        { id: 'p01_v1', available: true, product: { id: 'p01' } },
      ]);
    });

    it('when an archived product is archived, edited or given a variant, then PRODUCT_ARCHIVED', async () => {
      const created = product(await admin.run(replicaA, 'createProduct', productInput('gone')));
      expect((await admin.run(replicaA, 'archiveProduct', { id: created.id })).errors).toEqual([]);
      expect((await admin.run(replicaB, 'archiveProduct', { id: created.id })).errors).toEqual([expect.objectContaining({ code: 'PRODUCT_ARCHIVED' })]);
      expect((await admin.run(replicaB, 'updateProduct', { id: created.id, title: 'Back' })).errors).toEqual([expect.objectContaining({ code: 'PRODUCT_ARCHIVED' })]);
      expect((await admin.run(replicaB, 'updateVariant', { id: created.variants[0]!.id, title: 'Back' })).errors).toEqual([expect.objectContaining({ code: 'PRODUCT_ARCHIVED' })]);
      const addition = await admin.run(replicaB, 'createVariant', { productId: created.id, sku: 'GONE-3', title: 'X', selectedOptions: [], price: 1 });
      expect(addition.errors).toEqual([expect.objectContaining({ code: 'PRODUCT_ARCHIVED', field: ['productId'] })]);
    });

    it('when the version sent is stale or the product does not exist, then VERSION_CONFLICT or PRODUCT_NOT_FOUND and it stays on sale', async () => {
      expect((await admin.run(replicaA, 'archiveProduct', { id: 'p08', expectedVersion: 7 })).errors).toEqual([expect.objectContaining({ code: 'VERSION_CONFLICT' })]);
      expect((await admin.run(replicaA, 'archiveProduct', { id: 'p404' })).errors).toEqual([expect.objectContaining({ code: 'PRODUCT_NOT_FOUND' })]);
      expect(await admin.search(replicaA, { query: 'alpine cotton hoodie' })).toEqual(['p08']);
    });
  });
});
