import { userError, type UserError } from '@shopgraph/shared';

/** Codes of the UserErrors catalog mutations (and the bulk import's report) return. */
export const CatalogUserErrorCode = {
  VARIANT_NOT_FOUND: 'VARIANT_NOT_FOUND',
  PRODUCT_NOT_FOUND: 'PRODUCT_NOT_FOUND',
  CATEGORY_NOT_FOUND: 'CATEGORY_NOT_FOUND',
  INVALID_PRICE: 'INVALID_PRICE',
  PRICE_CONFLICT: 'PRICE_CONFLICT',
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  PRODUCT_ARCHIVED: 'PRODUCT_ARCHIVED',
  SLUG_INVALID: 'SLUG_INVALID',
  SLUG_TAKEN: 'SLUG_TAKEN',
  SKU_INVALID: 'SKU_INVALID',
  SKU_TAKEN: 'SKU_TAKEN',
  TITLE_INVALID: 'TITLE_INVALID',
  DESCRIPTION_INVALID: 'DESCRIPTION_INVALID',
  IMAGES_INVALID: 'IMAGES_INVALID',
  CATEGORIES_INVALID: 'CATEGORIES_INVALID',
  VARIANTS_INVALID: 'VARIANTS_INVALID',
  OPTIONS_INVALID: 'OPTIONS_INVALID',
  NAME_INVALID: 'NAME_INVALID',
  POSITION_INVALID: 'POSITION_INVALID',
  CATEGORY_CYCLE: 'CATEGORY_CYCLE',
  CATEGORY_TOO_DEEP: 'CATEGORY_TOO_DEEP',
  NOTHING_TO_CHANGE: 'NOTHING_TO_CHANGE',
} as const;
export type CatalogUserErrorCode = (typeof CatalogUserErrorCode)[keyof typeof CatalogUserErrorCode];

/**
 * An expected refusal from deep inside a write (a taken slug, a version that moved on),
 * thrown by the repository and turned into a UserError by the resolver.
 */
export class CatalogWriteError extends Error {
  constructor(
    readonly code: CatalogUserErrorCode,
    message: string,
    readonly field: string[],
  ) {
    super(message);
  }

  toUserError(): UserError {
    return userError(this.code, this.message, this.field);
  }
}

export const catalogErrors = {
  productNotFound: (field = ['id']) => new CatalogWriteError(CatalogUserErrorCode.PRODUCT_NOT_FOUND, 'No product has this id.', field),
  variantNotFound: (field = ['id']) => new CatalogWriteError(CatalogUserErrorCode.VARIANT_NOT_FOUND, 'No variant has this id.', field),
  categoryNotFound: (field: string[]) => new CatalogWriteError(CatalogUserErrorCode.CATEGORY_NOT_FOUND, 'No category has this id.', field),
  archived: (field = ['id']) =>
    new CatalogWriteError(CatalogUserErrorCode.PRODUCT_ARCHIVED, 'The product is archived; it is kept for carts and orders and can no longer change.', field),
  versionConflict: (current: number) =>
    new CatalogWriteError(
      CatalogUserErrorCode.VERSION_CONFLICT,
      `It changed meanwhile (it is at version ${current}); nothing was written. Reload it and try again.`,
      ['expectedVersion'],
    ),
  slugTaken: (field = ['slug']) => new CatalogWriteError(CatalogUserErrorCode.SLUG_TAKEN, 'Another item has this slug.', field),
  skuTaken: (field = ['sku']) => new CatalogWriteError(CatalogUserErrorCode.SKU_TAKEN, 'Another variant has this SKU.', field),
  cycle: () => new CatalogWriteError(CatalogUserErrorCode.CATEGORY_CYCLE, 'A category cannot move under itself or one of its descendants.', ['parentId']),
  tooDeep: (depth: number) =>
    new CatalogWriteError(CatalogUserErrorCode.CATEGORY_TOO_DEEP, `The category tree may be at most ${depth} levels deep.`, ['parentId']),
};
