import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, cases, type Answer } from './support/admin-client.js';
import { startCatalogHarness, type CatalogHarness } from './support/catalog-harness.js';
import { eventually } from '../../../test/support/eventually.js';

const categoryId = (answer: Answer) => (answer['category'] as { id: string }).id;

describe('category administration on two replicas', () => {
  let harness: CatalogHarness;
  let admin: ReturnType<typeof adminClient>;
  let replicaA: string;
  let replicaB: string;
  beforeAll(async () => {
    harness = await startCatalogHarness('admin-categories');
    admin = adminClient(harness);
    [replicaA, replicaB] = [await harness.startCatalog(), await harness.startCatalog()];
  });
  afterAll(() => harness?.stop());

  describe('createCategory', () => {
    it('when an admin creates a root and a child, then both replicas show them in the tree, the child after its siblings', async () => {
      const root = await admin.run(replicaA, 'createCategory', { slug: 'garden', name: 'Garden' });
      expect(root).toEqual({ category: { id: expect.any(String) as string, slug: 'garden', name: 'Garden', position: 3, version: 1, parent: null }, errors: [] });
      const child = await admin.run(replicaA, 'createCategory', { slug: 'planters', name: 'Planters', parentId: categoryId(root) });
      expect(child['category']).toMatchObject({ position: 0, parent: { id: categoryId(root) } });
      for (const url of [replicaA, replicaB]) {
        await eventually(async () => expect((await admin.categoryTree(url)).at(-1)).toEqual({ slug: 'garden', name: 'Garden', children: [{ slug: 'planters', children: [] }] }));
      }
    });

    it.each(cases([
      ['a slug with a space', { slug: 'a b', name: 'A' }, 'SLUG_INVALID', ['slug']],
      ['the slug of another category', { slug: 'mugs', name: 'Mugs' }, 'SLUG_TAKEN', ['slug']],
      ['an empty name', { slug: 'empty-name', name: ' ' }, 'NAME_INVALID', ['name']],
      ['a name over 100 characters', { slug: 'long-name', name: 'n'.repeat(101) }, 'NAME_INVALID', ['name']],
      ['a negative position', { slug: 'negative', name: 'N', position: -1 }, 'POSITION_INVALID', ['position']],
      ['a parent that does not exist', { slug: 'orphan', name: 'Orphan', parentId: 'cat_nowhere' }, 'CATEGORY_NOT_FOUND', ['parentId']],
    ]))('when the input has $label, then $code', async ({ input, code, field }) => {
      expect(await admin.run(replicaA, 'createCategory', input)).toEqual({ category: null, errors: [expect.objectContaining({ code, field })] });
    });

    it('when a category would sit deeper than 8 levels, then CATEGORY_TOO_DEEP', async () => {
      let parentId: string | undefined;
      for (let level = 1; level <= 8; level++) {
        const answer = await admin.run(replicaA, 'createCategory', { slug: `level-${level}`, name: `Level ${level}`, ...(parentId ? { parentId } : {}) });
        expect(answer.errors).toEqual([]);
        parentId = categoryId(answer);
      }
      expect((await admin.run(replicaA, 'createCategory', { slug: 'level-9', name: 'Level 9', parentId })).errors).toEqual([expect.objectContaining({ code: 'CATEGORY_TOO_DEEP' })]);
    });
  });

  describe('updateCategory', () => {
    it('when an admin renames a category, then searching by the new name finds its products on both replicas', async () => {
      expect(await admin.search(replicaB, { query: 'stoneware' })).toEqual([]);
      const answer = await admin.run(replicaA, 'updateCategory', { id: 'cat_mugs', expectedVersion: 0, name: 'Stoneware Mugs', slug: 'stoneware-mugs' });
      expect(answer['category']).toMatchObject({ slug: 'stoneware-mugs', name: 'Stoneware Mugs', version: 1 });
      for (const url of [replicaA, replicaB]) {
        await eventually(async () => {
          expect((await admin.search(url, { query: 'stoneware' })).sort()).toEqual(['p04', 'p05']);
          expect((await admin.search(url, { categorySlug: 'stoneware-mugs' })).sort()).toEqual(['p04', 'p05']);
        });
      }
      // The old slug is free again.
      expect((await admin.run(replicaB, 'createCategory', { slug: 'mugs', name: 'Mugs again' })).errors).toEqual([]);
    });

    it.each(cases([
      ['no field to change', {}, 'NOTHING_TO_CHANGE'],
      ['the slug of another category', { slug: 'boots' }, 'SLUG_TAKEN'],
      ['an invalid name', { name: '' }, 'NAME_INVALID'],
      ['a position past 9,999', { position: 10_000 }, 'POSITION_INVALID'],
      ['a stale version', { expectedVersion: 5, name: 'Tees' }, 'VERSION_CONFLICT'],
    ]))('when the change has $label, then $code', async ({ input: changes, code }) => {
      expect((await admin.run(replicaA, 'updateCategory', { id: 'cat_t-shirts', ...changes })).errors).toEqual([expect.objectContaining({ code })]);
    });

    it('when the category does not exist, then CATEGORY_NOT_FOUND', async () => {
      expect((await admin.run(replicaA, 'updateCategory', { id: 'cat_nowhere', name: 'X' })).errors).toEqual([expect.objectContaining({ code: 'CATEGORY_NOT_FOUND', field: ['id'] })]);
    });
  });

  describe('moveCategory', () => {
    it('when an admin moves a family under another department, then its products are listed under the new department on both replicas', async () => {
      expect(await admin.search(replicaB, { categorySlug: 'apparel' })).not.toContain('p09');
      const answer = await admin.run(replicaA, 'moveCategory', { id: 'cat_outdoor', expectedVersion: 0, parentId: 'cat_apparel' });
      expect(answer['category']).toMatchObject({ parent: { id: 'cat_apparel' }, position: 1, version: 1 });
      for (const url of [replicaA, replicaB]) {
        // p09 names boots, outdoor and footwear itself, so it stays under footwear too.
        await eventually(async () => expect(await admin.search(url, { categorySlug: 'apparel' })).toContain('p09'));
      }
    });

    it.each(cases([
      ['itself', 'cat_athletic', 'CATEGORY_CYCLE'],
      ['its own descendant', 'cat_running-shoes', 'CATEGORY_CYCLE'],
      ['a parent that does not exist', 'cat_nowhere', 'CATEGORY_NOT_FOUND'],
    ]))('when a category is moved under $label, then $code and the tree is unchanged', async ({ input: parentId, code }) => {
      expect((await admin.run(replicaA, 'moveCategory', { id: 'cat_athletic', parentId })).errors).toEqual([expect.objectContaining({ code, field: ['parentId'] })]);
      expect(await admin.search(replicaA, { categorySlug: 'athletic' })).toContain('p01');
    });

    it('when two admins move two categories under each other at once, then no cycle is stored', async () => {
      const a = categoryId(await admin.run(replicaA, 'createCategory', { slug: 'swap-a', name: 'Swap A' }));
      const b = categoryId(await admin.run(replicaA, 'createCategory', { slug: 'swap-b', name: 'Swap B' }));
      const answers = await Promise.all([
        admin.run(replicaA, 'moveCategory', { id: a, parentId: b }),
        admin.run(replicaB, 'moveCategory', { id: b, parentId: a }),
      ]);
      const codes = answers.map((answer) => answer.errors[0]?.code ?? 'OK');
      expect(codes).toContain('OK');
      expect(codes.filter((code) => code !== 'OK')).toEqual([expect.stringMatching(/^(CATEGORY_CYCLE|VERSION_CONFLICT)$/)]);
    });

    it('when a subtree would end deeper than 8 levels, or the version is stale, then CATEGORY_TOO_DEEP or VERSION_CONFLICT', async () => {
      let parentId: string | undefined;
      for (let level = 1; level <= 7; level++) {
        parentId = categoryId(await admin.run(replicaA, 'createCategory', { slug: `move-level-${level}`, name: `Move ${level}`, ...(parentId ? { parentId } : {}) }));
      }
      // athletic > running-shoes takes 2 levels: under level 7 it would end at level 9.
      expect((await admin.run(replicaA, 'moveCategory', { id: 'cat_athletic', parentId })).errors).toEqual([expect.objectContaining({ code: 'CATEGORY_TOO_DEEP' })]);
      // Control: a leaf fits at level 8.
      expect((await admin.run(replicaA, 'moveCategory', { id: 'cat_trail-shoes', parentId })).errors).toEqual([]);
      expect((await admin.run(replicaA, 'moveCategory', { id: 'cat_athletic', expectedVersion: 9, parentId: null })).errors).toEqual([expect.objectContaining({ code: 'VERSION_CONFLICT' })]);
    });
  });
});
