/** Codes of the UserErrors catalog mutations return. */
export const CatalogUserErrorCode = {
  VARIANT_NOT_FOUND: 'VARIANT_NOT_FOUND',
  INVALID_PRICE: 'INVALID_PRICE',
  PRICE_CONFLICT: 'PRICE_CONFLICT',
} as const;
