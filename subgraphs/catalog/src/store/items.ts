import type { Category, Money, Product, ProductVariant } from '../domain/catalog-types.js';
import { keys } from './keys.js';

/** Stored shapes and pure mappers between them and domain objects. */
export interface ProductItem {
  PK: string;
  SK: string;
  GSI1PK: string;
  GSI1SK: string;
  entity: 'Product';
  id: string;
  slug: string;
  title: string;
  description: string;
  images: { url: string; altText?: string }[];
  categoryIds: string[];
  variantIds: string[];
  priceMin: Money;
  priceMax: Money;
  createdAt: string;
  /** Raised by every change; every write is conditional on it. Absent on old items (0). */
  version?: number;
  archivedAt?: string;
}

export interface SeedMarkItem {
  PK: string;
  SK: string;
  entity: 'SeedMark';
  /** How many products of the deterministic demo catalog are stored. */
  products: number;
}

export interface VariantItem {
  PK: string;
  SK: string;
  entity: 'ProductVariant';
  id: string;
  productId: string;
  sku: string;
  title: string;
  price: Money;
  selectedOptions: { name: string; value: string }[];
  /** Absent on old items (0). */
  version?: number;
  /** Copied from the product when it is archived, so resolving a variant needs no product read. */
  archivedAt?: string;
}

/** Holds a product slug: its existence is what makes the slug unique. */
export interface SlugItem {
  PK: string;
  SK: string;
  entity: 'ProductSlug';
  productId: string;
}

/** Holds a SKU, as the slug item holds a slug. */
export interface SkuItem {
  PK: string;
  SK: string;
  entity: 'Sku';
  variantId: string;
  productId: string;
}

export interface CategorySlugItem {
  PK: string;
  SK: string;
  entity: 'CategorySlug';
  categoryId: string;
}

export interface CategoryItem {
  PK: string;
  SK: string;
  GSI1PK: string;
  GSI1SK: string;
  entity: 'Category';
  id: string;
  slug: string;
  name: string;
  parentId?: string;
  position: number;
  /** Absent on old items (0). */
  version?: number;
}

export function toProduct(item: ProductItem): Product {
  return {
    id: item.id,
    slug: item.slug,
    title: item.title,
    description: item.description,
    images: item.images,
    categoryIds: item.categoryIds,
    variantIds: item.variantIds,
    priceRange: { min: item.priceMin, max: item.priceMax },
    createdAt: item.createdAt,
    version: item.version ?? 0,
    ...(item.archivedAt ? { archivedAt: item.archivedAt } : {}),
  };
}

export function fromProduct(product: Product): ProductItem {
  return {
    ...keys.product(product.id),
    ...keys.productListing(product.title, product.id, product.archivedAt !== undefined),
    entity: 'Product',
    id: product.id,
    slug: product.slug,
    title: product.title,
    description: product.description,
    images: product.images,
    categoryIds: product.categoryIds,
    variantIds: product.variantIds,
    priceMin: product.priceRange.min,
    priceMax: product.priceRange.max,
    createdAt: product.createdAt,
    version: product.version,
    ...(product.archivedAt ? { archivedAt: product.archivedAt } : {}),
  };
}

export function toVariant(item: VariantItem): ProductVariant {
  return {
    id: item.id,
    productId: item.productId,
    sku: item.sku,
    title: item.title,
    price: item.price,
    selectedOptions: item.selectedOptions,
    version: item.version ?? 0,
    available: item.archivedAt === undefined,
  };
}

/** `archivedAt` is the product's: a variant is unavailable exactly when its product is archived. */
export function fromVariant(variant: ProductVariant, archivedAt?: string): VariantItem {
  const { available: _available, ...fields } = variant;
  return { ...keys.variant(variant.id), entity: 'ProductVariant', ...fields, ...(archivedAt ? { archivedAt } : {}) };
}

export function fromSlug(slug: string, productId: string): SlugItem {
  return { ...keys.slug(slug), entity: 'ProductSlug', productId };
}

export function fromSku(variant: Pick<ProductVariant, 'sku' | 'id' | 'productId'>): SkuItem {
  return { ...keys.sku(variant.sku), entity: 'Sku', variantId: variant.id, productId: variant.productId };
}

export function fromCategorySlug(category: Pick<Category, 'slug' | 'id'>): CategorySlugItem {
  return { ...keys.categorySlug(category.slug), entity: 'CategorySlug', categoryId: category.id };
}

export function toCategory(item: CategoryItem): Category {
  return {
    id: item.id,
    slug: item.slug,
    name: item.name,
    position: item.position,
    version: item.version ?? 0,
    ...(item.parentId ? { parentId: item.parentId } : {}),
  };
}

export function fromCategory(category: Category): CategoryItem {
  return {
    ...keys.category(category.id),
    ...keys.categoryListing(category.parentId, category.position),
    entity: 'Category',
    ...category,
  };
}

/**
 * Every item of a whole catalog, uniqueness items included: what the demo seed and test
 * fixtures write in bulk, so a later admin write finds their slugs and SKUs taken.
 */
export function catalogItems({ categories, products, variants }: { categories: readonly Category[]; products: readonly Product[]; variants: readonly ProductVariant[] }): Record<string, unknown>[] {
  return [
    ...categories.flatMap((category) => [fromCategory(category), fromCategorySlug(category)]),
    ...products.flatMap((product) => [fromProduct(product), fromSlug(product.slug, product.id)]),
    ...variants.flatMap((variant) => [fromVariant(variant), fromSku(variant)]),
  ] as unknown as Record<string, unknown>[];
}
