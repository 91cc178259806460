import type { Money } from './order.js';

export interface ShippingMethod {
  id: string;
  name: string;
  price: Money;
  /** ISO 3166-1 alpha-2 codes of the countries it ships to. */
  countries: readonly string[];
}

const EUROPE = ['AT', 'BE', 'CH', 'DE', 'DK', 'ES', 'FI', 'FR', 'GB', 'IE', 'IT', 'LU', 'NL', 'NO', 'PL', 'PT', 'SE'];

/**
 * The shipping methods on offer. Fixed in code: they change with a release, not at runtime,
 * and every replica must offer the same ones.
 */
export const SHIPPING_METHODS: readonly ShippingMethod[] = [
  { id: 'standard', name: 'Standard (3-5 business days)', price: { amount: 499, currencyCode: 'USD' }, countries: ['US', 'CA', ...EUROPE] },
  { id: 'express', name: 'Express (1-2 business days)', price: { amount: 1499, currencyCode: 'USD' }, countries: ['US', 'CA'] },
];

export function shippingMethodById(id: string): ShippingMethod | undefined {
  return SHIPPING_METHODS.find((method) => method.id === id);
}
