import type { Money } from './catalog-types.js';

/** The catalog prices in one currency today; every price and band is expressed in it. */
export const CATALOG_CURRENCY = 'USD';

/** Highest settable price, in minor units (100,000.00 in a two-decimal currency). */
export const MAX_PRICE_AMOUNT = 10_000_000;

/** Why a price was refused, as a UserError code. */
export function priceAmountProblem(amount: number): string | undefined {
  if (!Number.isInteger(amount) || amount < 0 || amount > MAX_PRICE_AMOUNT) return `amount must be a whole number of minor units from 0 to ${MAX_PRICE_AMOUNT}.`;
  return undefined;
}

/** A product's price range from its variants' prices (never empty: every product has a variant). */
export function priceRangeOf(prices: readonly Money[]): { min: Money; max: Money } {
  const sorted = [...prices].sort((a, b) => a.amount - b.amount);
  return { min: sorted[0] as Money, max: sorted.at(-1) as Money };
}
