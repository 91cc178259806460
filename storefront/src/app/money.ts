export interface Money {
  amount: number;
  currencyCode: string;
}

/** Minor units to a localised price: { amount: 1999, currencyCode: 'EUR' } -> "€19.99". */
export function formatMoney(money: Money): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency: money.currencyCode });
  // Minor units per major unit follow the currency: 2 digits for USD, 0 for JPY.
  return format.format(money.amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

/** A shopper's "19.99" to minor units, or undefined when blank or not a price. */
export function parsePrice(text: string | undefined): number | undefined {
  if (!text || text.trim() === '') return undefined;
  const value = Number(text.trim());
  return Number.isFinite(value) && value >= 0 ? Math.round(value * 100) : undefined;
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}
