import type { ListingFacets } from '../domain/listing-types.js';
import type { IndexedProduct, ProductIndex } from './product-index.js';

/** Price bands of the sidebar, in minor units: [min, max), the last one open-ended. */
export const PRICE_BANDS: readonly { min: number; max: number | null }[] = [
  { min: 0, max: 2_500 },
  { min: 2_500, max: 5_000 },
  { min: 5_000, max: 10_000 },
  { min: 10_000, max: 20_000 },
  { min: 20_000, max: null },
];

/**
 * Counts per category (a product counts towards each of its categories and their ancestors,
 * so a root's count covers its subtree) and per price band, over the whole filtered listing.
 * Categories with no match are left out; every band is listed, so a sidebar keeps its shape.
 */
export function computeFacets(index: ProductIndex, matches: readonly IndexedProduct[]): ListingFacets {
  const perCategory = new Map<string, number>();
  const perBand = PRICE_BANDS.map(() => 0);
  for (const entry of matches) {
    for (const id of entry.categoryIds) perCategory.set(id, (perCategory.get(id) ?? 0) + 1);
    const band = PRICE_BANDS.findIndex((candidate) => entry.price >= candidate.min && (candidate.max === null || entry.price < candidate.max));
    if (band >= 0) perBand[band] = (perBand[band] as number) + 1;
  }
  return {
    categories: index
      .categories()
      .filter((category) => perCategory.has(category.id))
      .map((category) => ({ category, count: perCategory.get(category.id) as number })),
    priceBands: PRICE_BANDS.map((band, position) => ({ ...band, count: perBand[position] as number })),
  };
}
