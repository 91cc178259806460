import { MAX_PRICE_AMOUNT } from './price-rules.js';

/**
 * The documented sizes of catalog data (the catalog README lists them). They keep every
 * admin write within one DynamoDB transaction (100 items: a product, its slug, and a variant
 * and a SKU item per variant, plus a check per category) and every item far below 400 KB.
 */
export const CATALOG_LIMITS = {
  slugLength: 100,
  titleLength: 200,
  descriptionLength: 5_000,
  images: 10,
  imageUrlLength: 500,
  altTextLength: 200,
  categoriesPerProduct: 10,
  variantsPerProduct: 40,
  skuLength: 64,
  optionsPerVariant: 5,
  optionTextLength: 50,
  categoryNameLength: 100,
  /** Positions are zero-padded to four digits in the category listing key. */
  maxPosition: 9_999,
  /** Levels from a root to the deepest leaf; the index walks ancestors up to 16. */
  categoryDepth: 8,
  maxPrice: MAX_PRICE_AMOUNT,
} as const;

/** Lower-case words of letters and digits joined by single hyphens: safe in URLs and in keys. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Letters, digits, dot, underscore, hyphen; starts with a letter or digit. */
export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
