import { expect } from 'vitest';
import type { CatalogHarness } from './catalog-harness.js';

const PRODUCT_FIELDS = 'id slug title description version archivedAt images { url altText } categories { id } priceRange { min { amount } max { amount } } variants { id sku available }';
const VARIANT_FIELDS = 'id sku title version available price { amount currencyCode } selectedOptions { name value } product { id version priceRange { min { amount } max { amount } } }';
const CATEGORY_FIELDS = 'id slug name position version parent { id }';

/** The admin mutations as a back office sends them, and the reads tests check them with. */
export const ADMIN = {
  createProduct: `mutation ($input: CreateProductInput!) { createProduct(input: $input) { product { ${PRODUCT_FIELDS} } errors { code message field } } }`,
  updateProduct: `mutation ($input: UpdateProductInput!) { updateProduct(input: $input) { product { ${PRODUCT_FIELDS} } errors { code message field } } }`,
  archiveProduct: `mutation ($input: ArchiveProductInput!) { archiveProduct(input: $input) { product { ${PRODUCT_FIELDS} } errors { code message field } } }`,
  createVariant: `mutation ($input: CreateVariantInput!) { createVariant(input: $input) { variant { ${VARIANT_FIELDS} } errors { code message field } } }`,
  updateVariant: `mutation ($input: UpdateVariantInput!) { updateVariant(input: $input) { variant { ${VARIANT_FIELDS} } errors { code message field } } }`,
  createCategory: `mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { category { ${CATEGORY_FIELDS} } errors { code message field } } }`,
  updateCategory: `mutation ($input: UpdateCategoryInput!) { updateCategory(input: $input) { category { ${CATEGORY_FIELDS} } errors { code message field } } }`,
  moveCategory: `mutation ($input: MoveCategoryInput!) { moveCategory(input: $input) { category { ${CATEGORY_FIELDS} } errors { code message field } } }`,
} as const;
export type AdminMutation = keyof typeof ADMIN;

export interface UserErrorData {
  code: string;
  message: string;
  field: string[] | null;
}
export type Answer = { errors: UserErrorData[] } & Record<string, Record<string, unknown> | null>;

const SEARCH = `query ($query: String, $categorySlug: String) { products(first: 100, filter: { query: $query, categorySlug: $categorySlug }) { edges { node { id } } } }`;

/** Admin calls and shopper reads against the harness's replicas. */
export function adminClient(harness: CatalogHarness) {
  return {
    /** Runs an admin mutation on a replica; returns its payload (GraphQL errors fail the test). */
    async run(url: string, mutation: AdminMutation, input: Record<string, unknown>, role: 'ADMIN' | 'CUSTOMER' = 'ADMIN'): Promise<Answer> {
      const { body } = await harness.request<Record<string, Answer>>(url, ADMIN[mutation], { input }, { role });
      expect(body.errors).toBeUndefined();
      return body.data![mutation] as Answer;
    },
    /** The GraphQL error code an admin mutation is refused with (auth failures). */
    async refusal(url: string, mutation: AdminMutation, input: Record<string, unknown>, role?: 'CUSTOMER'): Promise<string | undefined> {
      const { body } = await harness.request(url, ADMIN[mutation], { input }, role ? { role } : {});
      return body.errors?.[0]?.extensions?.code;
    },
    /** Ids a shopper's search (text and/or category) finds on a replica. */
    async search(url: string, filter: { query?: string; categorySlug?: string }): Promise<string[]> {
      const { body } = await harness.request<{ products: { edges: { node: { id: string } }[] } }>(url, SEARCH, filter);
      expect(body.errors).toBeUndefined();
      return body.data!.products.edges.map((edge) => edge.node.id);
    },
    async productBySlug(url: string, slug: string): Promise<{ id: string; title: string } | null> {
      const { body } = await harness.request<{ product: { id: string; title: string } | null }>(url, 'query ($slug: String) { product(slug: $slug) { id title } }', { slug });
      return body.data!.product;
    },
    /** Variants as carts and orders resolve them: through `_entities`, the way federation asks. */
    async variantsAsEntities(url: string, ids: string[]): Promise<({ id: string; available: boolean; product: { id: string } } | null)[]> {
      const { body } = await harness.request<{ _entities: ({ id: string; available: boolean; product: { id: string } } | null)[] }>(
        url,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on ProductVariant { id available product { id } } } }',
        { r: ids.map((id) => ({ __typename: 'ProductVariant', id })) },
      );
      expect(body.errors).toBeUndefined();
      return body.data!._entities;
    },
    async categoryTree(url: string): Promise<{ slug: string; name: string; children: { slug: string; children: { slug: string }[] }[] }[]> {
      const { body } = await harness.request<{ categories: { slug: string; name: string; children: { slug: string; children: { slug: string }[] }[] }[] }>(
        url,
        '{ categories { slug name children { slug children { slug } } } }',
      );
      return body.data!.categories;
    },
  };
}

/** A valid createProduct input; tests override the field they are about. */
export function productInput(tag: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    slug: `${tag}-kettle`,
    title: `Copper ${tag} Kettle`,
    description: 'Whistles when the water boils.',
    images: [{ url: `https://images.example/${tag}.jpg`, altText: 'A copper kettle' }],
    categoryIds: ['cat_kitchen'],
    variants: [
      { sku: `${tag.toUpperCase()}-1`, title: 'Small', selectedOptions: [{ name: 'Size', value: 'S' }], price: 3_500 },
      { sku: `${tag.toUpperCase()}-2`, title: 'Large', selectedOptions: [{ name: 'Size', value: 'L' }], price: 4_500 },
    ],
    ...overrides,
  };
}

/** Table rows as named cases, so a test title can say `$label` and `$code`. */
export function cases<I, F>(rows: readonly (readonly [string, I, string, F?])[]): { label: string; input: I; code: string; field: F | undefined }[] {
  return rows.map(([label, input, code, field]) => ({ label, input, code, field }));
}
