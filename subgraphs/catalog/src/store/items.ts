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
  /** Raised by every price change; price writes are conditional on it. Absent on old items (0). */
  version?: number;
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
}

export interface SlugItem {
  PK: string;
  SK: string;
  entity: 'ProductSlug';
  productId: string;
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
  };
}

export function fromProduct(product: Product): ProductItem {
  return {
    ...keys.product(product.id),
    ...keys.productListing(product.title, product.id),
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
  };
}

export function fromVariant(variant: ProductVariant): VariantItem {
  return { ...keys.variant(variant.id), entity: 'ProductVariant', ...variant };
}

export function fromSlug(slug: string, productId: string): SlugItem {
  return { ...keys.slug(slug), entity: 'ProductSlug', productId };
}

export function toCategory(item: CategoryItem): Category {
  return {
    id: item.id,
    slug: item.slug,
    name: item.name,
    position: item.position,
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
