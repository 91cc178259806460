import type { Cart, Money } from './cart.js';

export interface PricedLine {
  id: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
  variant: { __typename: 'ProductVariant'; id: string };
}

/** The cart as the API shows it. */
export interface PricedCart {
  id: string;
  version: number;
  status: Cart['status'];
  totalQuantity: number;
  subtotal: Money;
  lines: PricedLine[];
  expiresAt: string;
}

const DEFAULT_CURRENCY = 'USD';

/**
 * Prices a cart at current catalog prices, falling back per line to the price stored when the
 * line last changed (a line another device added after the lookup, or a catalog that did not
 * answer). Integer minor units throughout: no float ever touches money.
 */
export function priceCart(cart: Cart, currentPrices: ReadonlyMap<string, Money>): PricedCart {
  const lines = cart.lines.map((line) => {
    const unitPrice = currentPrices.get(line.variantId) ?? line.unitPriceSnapshot;
    return {
      id: line.id,
      quantity: line.quantity,
      unitPrice,
      lineTotal: { amount: unitPrice.amount * line.quantity, currencyCode: unitPrice.currencyCode },
      variant: { __typename: 'ProductVariant' as const, id: line.variantId },
    };
  });
  const currencyCode = lines[0]?.unitPrice.currencyCode ?? DEFAULT_CURRENCY;
  return {
    id: cart.id,
    version: cart.version,
    status: cart.status,
    totalQuantity: lines.reduce((sum, line) => sum + line.quantity, 0),
    subtotal: { amount: lines.reduce((sum, line) => sum + line.lineTotal.amount, 0), currencyCode },
    lines,
    expiresAt: cart.expiresAt,
  };
}
