import { userError, type UserError } from '@shopgraph/shared';
import { CatalogUserErrorCode as Code } from '../errors.js';
import type { Image } from './catalog-types.js';
import { CATALOG_LIMITS as LIMITS, SKU_PATTERN, SLUG_PATTERN } from './catalog-limits.js';
import { priceAmountProblem } from './price-rules.js';

/** What an admin (or an import row) sets on a product; ids, versions and prices are not here. */
export interface ProductFields {
  slug: string;
  title: string;
  description: string;
  images: Image[];
  categoryIds: string[];
}

export interface VariantFields {
  sku: string;
  title: string;
  selectedOptions: { name: string; value: string }[];
  /** Minor units of the catalog currency. */
  price: number;
}

export interface CategoryFields {
  slug: string;
  name: string;
  position: number;
}

/** Control characters (line breaks included) make no sense in a one-line label. */
const CONTROL = /\p{Cc}/u;

function lineProblem(value: string, max: number): string | undefined {
  if (value.trim().length === 0) return 'must not be empty';
  if (value.length > max) return `must be at most ${max} characters`;
  if (CONTROL.test(value)) return 'must be one line without control characters';
  return undefined;
}

/**
 * Every problem with the given fields (absent ones are not checked: an update sends only what
 * changes), each naming its field under `at`.
 */
export function productProblems(fields: Partial<ProductFields>, at: string[] = []): UserError[] {
  const problems: UserError[] = [];
  const add = (code: string, field: string[], why: string) => problems.push(userError(code, why, [...at, ...field]));
  if (fields.slug !== undefined) problems.push(...slugProblems(fields.slug, at));
  if (fields.title !== undefined) {
    const why = lineProblem(fields.title, LIMITS.titleLength);
    if (why) add(Code.TITLE_INVALID, ['title'], `The title ${why}.`);
  }
  if (fields.description !== undefined && fields.description.length > LIMITS.descriptionLength) {
    add(Code.DESCRIPTION_INVALID, ['description'], `The description must be at most ${LIMITS.descriptionLength} characters.`);
  }
  if (fields.images !== undefined) {
    if (fields.images.length > LIMITS.images) add(Code.IMAGES_INVALID, ['images'], `A product has at most ${LIMITS.images} images.`);
    fields.images.forEach((image, index) => {
      const why = imageProblem(image);
      if (why) add(Code.IMAGES_INVALID, ['images', String(index)], why);
    });
  }
  if (fields.categoryIds !== undefined) {
    if (fields.categoryIds.length > LIMITS.categoriesPerProduct) {
      add(Code.CATEGORIES_INVALID, ['categoryIds'], `A product is listed in at most ${LIMITS.categoriesPerProduct} categories.`);
    } else if (new Set(fields.categoryIds).size !== fields.categoryIds.length) {
      add(Code.CATEGORIES_INVALID, ['categoryIds'], 'A category is listed twice.');
    }
  }
  return problems;
}

export function slugProblems(slug: string, at: string[] = []): UserError[] {
  if (slug.length <= LIMITS.slugLength && SLUG_PATTERN.test(slug)) return [];
  return [userError(Code.SLUG_INVALID, `A slug is 1 to ${LIMITS.slugLength} lower-case letters and digits, words joined by single hyphens.`, [...at, 'slug'])];
}

function imageProblem({ url, altText }: Image): string | undefined {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || /\s/.test(url) || url.length > LIMITS.imageUrlLength) {
    return `An image URL is an absolute http(s) URL without spaces, at most ${LIMITS.imageUrlLength} characters.`;
  }
  const why = altText === undefined ? undefined : lineProblem(altText, LIMITS.altTextLength);
  return why ? `The alt text ${why}.` : undefined;
}

export function variantProblems(fields: Partial<VariantFields>, at: string[] = []): UserError[] {
  const problems: UserError[] = [];
  const add = (code: string, field: string[], why: string) => problems.push(userError(code, why, [...at, ...field]));
  if (fields.sku !== undefined && (fields.sku.length > LIMITS.skuLength || !SKU_PATTERN.test(fields.sku))) {
    add(Code.SKU_INVALID, ['sku'], `A SKU is 1 to ${LIMITS.skuLength} letters, digits, dots, underscores or hyphens, starting with a letter or digit.`);
  }
  if (fields.title !== undefined) {
    const why = lineProblem(fields.title, LIMITS.titleLength);
    if (why) add(Code.TITLE_INVALID, ['title'], `The title ${why}.`);
  }
  if (fields.selectedOptions !== undefined) {
    const why = optionsProblem(fields.selectedOptions);
    if (why) add(Code.OPTIONS_INVALID, ['selectedOptions'], why);
  }
  if (fields.price !== undefined) {
    const why = priceAmountProblem(fields.price);
    if (why) add(Code.INVALID_PRICE, ['price'], `The price ${why}`);
  }
  return problems;
}

function optionsProblem(options: readonly { name: string; value: string }[]): string | undefined {
  if (options.length > LIMITS.optionsPerVariant) return `A variant has at most ${LIMITS.optionsPerVariant} options.`;
  for (const { name, value } of options) {
    const why = lineProblem(name, LIMITS.optionTextLength) ?? lineProblem(value, LIMITS.optionTextLength);
    if (why) return `Option names and values ${why}.`;
    // "Size=M" is how the CSV import writes an option; a name holding "=" could not be read back.
    if (name.includes('=')) return 'An option name must not contain "=".';
  }
  if (new Set(options.map((option) => option.name)).size !== options.length) return 'An option name is given twice.';
  return undefined;
}

/** A new product's variants: at least one, at most the limit, no SKU twice; then each one's fields. */
export function variantListProblems(variants: readonly VariantFields[], at: string[] = []): UserError[] {
  if (variants.length === 0 || variants.length > LIMITS.variantsPerProduct) {
    return [userError(Code.VARIANTS_INVALID, `A product has 1 to ${LIMITS.variantsPerProduct} variants.`, [...at, 'variants'])];
  }
  const problems = variants.flatMap((variant, index) => variantProblems(variant, [...at, 'variants', String(index)]));
  const seen = new Set<string>();
  variants.forEach((variant, index) => {
    if (seen.has(variant.sku)) problems.push(userError(Code.SKU_TAKEN, 'Another variant of this product has this SKU.', [...at, 'variants', String(index), 'sku']));
    seen.add(variant.sku);
  });
  return problems;
}

export function categoryProblems(fields: Partial<CategoryFields>, at: string[] = []): UserError[] {
  const problems: UserError[] = [];
  if (fields.slug !== undefined) problems.push(...slugProblems(fields.slug, at));
  if (fields.name !== undefined) {
    const why = lineProblem(fields.name, LIMITS.categoryNameLength);
    if (why) problems.push(userError(Code.NAME_INVALID, `The name ${why}.`, [...at, 'name']));
  }
  if (fields.position !== undefined && (!Number.isInteger(fields.position) || fields.position < 0 || fields.position > LIMITS.maxPosition)) {
    problems.push(userError(Code.POSITION_INVALID, `A position is a whole number from 0 to ${LIMITS.maxPosition}.`, [...at, 'position']));
  }
  return problems;
}
