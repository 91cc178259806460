/**
 * The only place checkout key strings are built. Stock, orders and idempotency records share
 * one table so that placing an order is one transaction.
 *
 * | item  | PK               | SK    |
 * | stock | STOCK#<variant>  | STOCK |
 */
export const keys = {
  stock: (variantId: string) => ({ PK: `STOCK#${variantId}`, SK: 'STOCK' }),
} as const;

/** Pub/sub channels; the catalog subscribes to `stockChanged` (its keys.ts names the same one). */
export const channels = {
  stockChanged: (prefix: string) => `${prefix}stock:changed`,
} as const;
