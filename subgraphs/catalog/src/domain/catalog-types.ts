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
}

export interface ProductVariant {
  id: string;
  productId: string;
  sku: string;
  title: string;
  price: Money;
  selectedOptions: { name: string; value: string }[];
}

export interface Category {
  id: string;
  slug: string;
  name: string;
  parentId?: string;
  position: number;
}

export interface ProductPage {
  products: Product[];
  /** Opaque position of each product, for edge cursors. */
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}
