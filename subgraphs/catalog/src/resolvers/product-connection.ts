import type { Product } from '../domain/catalog-types.js';
import type { ListingFacets } from '../domain/listing-types.js';
import { CATALOG_CURRENCY } from '../domain/price-rules.js';
import type { PriceBandFacetResolvers, ProductConnectionResolvers as Resolvers } from '../generated/resolver-types.js';

/** What Query.products answers (the codegen mapper of ProductConnection): facets still uncomputed. */
export interface ProductConnectionParent {
  totalCount: number;
  edges: { cursor: string; node: Product }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  facets: () => ListingFacets;
}

/** A price band as the facets count it (the codegen mapper of PriceBandFacet): bounds in minor units. */
export type PriceBandParent = ListingFacets['priceBands'][number];

/** Facets are computed only when a query selects them: most listings do not draw a sidebar. */
export const ProductConnectionResolvers: Resolvers = {
  facets: (connection) => connection.facets(),
};

export const PriceBandResolvers: PriceBandFacetResolvers = {
  min: (band) => ({ amount: band.min, currencyCode: CATALOG_CURRENCY }),
  max: (band) => (band.max === null ? null : { amount: band.max, currencyCode: CATALOG_CURRENCY }),
};
