/** Catalog domain objects, as resolvers see them: no DynamoDB attributes. */
export interface Money {
  amount: number;
  currencyCode: string;
}

export interface Image {
  url: string;
  altText?: string;
}

export interface Product {
  id: string;
  slug: string;
  title: string;
  description: string;
  images: Image[];
  categoryIds: string[];
  variantIds: string[];
  priceRange: { min: Money; max: Money };
  createdAt: string;
  /** Raised by every change to the product (its fields, its variant list, its price range). */
  version: number;
  /** Set when an admin archived it: out of browse and search, still resolvable for carts and orders. */
  archivedAt?: string;
}

export interface ProductVariant {
  id: string;
  productId: string;
  sku: string;
  title: string;
  price: Money;
  selectedOptions: { name: string; value: string }[];
  /** Raised by every change to the variant. */
  version: number;
  /** False once its product is archived: carts show it unavailable, checkout refuses it. */
  available: boolean;
}

export interface Category {
  id: string;
  slug: string;
  name: string;
  parentId?: string;
  position: number;
  /** Raised by every change to the category. */
  version: number;
}

export interface ProductPage {
  products: Product[];
  /** Opaque position of each product, for edge cursors. */
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}
