/**
 * The shipping methods on offer. Fixed in code: they change with a release, not at runtime,
 * and every replica must offer the same ones.
 */
export const SHIPPING_METHODS = [
  { id: 'standard', name: 'Standard (3-5 business days)', price: { amount: 499, currencyCode: 'USD' } },
  { id: 'express', name: 'Express (1-2 business days)', price: { amount: 1499, currencyCode: 'USD' } },
] as const;
