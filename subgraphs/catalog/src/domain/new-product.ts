import { randomBytes } from 'node:crypto';
import type { Category, Product, ProductVariant } from './catalog-types.js';
import type { CategoryFields, ProductFields, VariantFields } from './catalog-input.js';
import { CATALOG_CURRENCY, priceRangeOf } from './price-rules.js';

/** Random ids: nothing about a product can be guessed from its id, and no counter is shared. */
export const newId = {
  product: () => `prod_${randomBytes(8).toString('hex')}`,
  variant: () => `var_${randomBytes(8).toString('hex')}`,
  category: () => `cat_${randomBytes(8).toString('hex')}`,
};

/** A variant as first stored: version 1, available. */
export function newVariant(productId: string, fields: VariantFields): ProductVariant {
  return {
    id: newId.variant(),
    productId,
    sku: fields.sku,
    title: fields.title,
    selectedOptions: fields.selectedOptions,
    price: { amount: fields.price, currencyCode: CATALOG_CURRENCY },
    version: 1,
    available: true,
  };
}

/** A product and its variants as first stored (version 1), the price range from the variants. */
export function newProduct(fields: ProductFields, variantFields: readonly VariantFields[], now: Date): { product: Product; variants: ProductVariant[] } {
  const id = newId.product();
  const variants = variantFields.map((variant) => newVariant(id, variant));
  return {
    product: {
      id,
      ...fields,
      variantIds: variants.map((variant) => variant.id),
      priceRange: priceRangeOf(variants.map((variant) => variant.price)),
      createdAt: now.toISOString(),
      version: 1,
    },
    variants,
  };
}

export function newCategory(fields: CategoryFields, parentId: string | undefined): Category {
  return { id: newId.category(), ...fields, version: 1, ...(parentId ? { parentId } : {}) };
}
