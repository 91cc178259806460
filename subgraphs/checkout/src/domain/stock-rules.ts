/** Highest stock level an admin may set for one variant. */
export const MAX_STOCK_QUANTITY = 1_000_000;

/** Why a stock level is refused, or undefined when it is acceptable. */
export function stockQuantityProblem(quantity: number): string | undefined {
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_STOCK_QUANTITY) {
    return `quantity must be a whole number from 0 to ${MAX_STOCK_QUANTITY}.`;
  }
  return undefined;
}
