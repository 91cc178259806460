import type { ListingFacets } from '../domain/listing-types.js';
import { CATALOG_CURRENCY } from '../domain/price-rules.js';

/** Facets are computed only when a query selects them: most listings do not draw a sidebar. */
export const ProductConnectionResolvers = {
  facets: (connection: { facets: () => ListingFacets }) => connection.facets(),
};

export const PriceBandResolvers = {
  min: (band: { min: number }) => ({ amount: band.min, currencyCode: CATALOG_CURRENCY }),
  max: (band: { max: number | null }) => (band.max === null ? null : { amount: band.max, currencyCode: CATALOG_CURRENCY }),
};
