import { createHash } from 'node:crypto';

/** Shards of the recovery queue: spreads its writes over partitions, read in parallel. */
export const RECOVERY_SHARDS = 4;

/**
 * The only place checkout key strings are built. Stock, orders, idempotency records, cart
 * holds and the recovery queue share one table so that placing an order is one transaction.
 *
 * | item        | PK                               | SK                      | GSI1PK / GSI1SK                          | GSI2PK / GSI2SK |
 * | stock       | STOCK#<variant>                  | STOCK                   |                                          | |
 * | order       | ORDER#<order>                    | ORDER                   | CUSTOMER#<customer> or GUEST#<session> / <createdAt>#<order> | ORDERSTATUS#<status> / <createdAt>#<order> |
 * | idempotency | IDEMPOTENCY#<owner>#<sha256(key)> | IDEMPOTENCY            |                                          | |
 * | cart hold   | CARTHOLD#<cart>                  | CARTHOLD                |                                          | |
 * | recovery    | RECOVERY#<shard>                 | <dueAt>#<order>         |                                          | |
 * | webhook     | WEBHOOK#<provider>#<event>       | WEBHOOK                 | (TTL expiresAt)                          | |
 * | test payment | TESTPAYMENT#<order>             | TESTPAYMENT             |                                          | |
 *
 * A cart hold exists while an order of that cart is live (its stock held), so one cart never
 * becomes two orders. A recovery item exists while an order still needs work (payment not
 * settled, a hold to release when it expires, the cart not yet marked, a refund not yet
 * confirmed), keyed by when the work is due; the recovery pass reads only those that are due.
 * Every order is in GSI2 under its status, for the admin's listing by status. A guest's order
 * is in GSI1 under its session until the shopper signs in and it moves to the customer.
 *
 * A webhook item records a provider event once it is received, so a redelivery changes
 * nothing; it expires after the providers' retry window. A test payment item is the built-in
 * test provider's own ledger (one per order's payment, its transactions inside), kept here so
 * every replica, and a restarted one, sees every payment; checkout's own code never reads it.
 */
export const keys = {
  stock: (variantId: string) => ({ PK: `STOCK#${variantId}`, SK: 'STOCK' }),
  order: (orderId: string) => ({ PK: `ORDER#${orderId}`, SK: 'ORDER' }),
  orderIdOf: (orderPk: string) => orderPk.slice('ORDER#'.length),
  ordersOfCustomer: (customerId: string) => `CUSTOMER#${customerId}`,
  ordersOfGuestSession: (sessionId: string) => `GUEST#${sessionId}`,
  orderByCustomerSort: (createdAt: string, orderId: string) => `${createdAt}#${orderId}`,
  idempotency: (ownerKey: string, idempotencyKey: string) => ({
    // Hashed: the client's key is bounded but may hold any character; the owner keeps keys apart.
    PK: `IDEMPOTENCY#${ownerKey}#${createHash('sha256').update(idempotencyKey).digest('base64url')}`,
    SK: 'IDEMPOTENCY',
  }),
  cartHold: (cartId: string) => ({ PK: `CARTHOLD#${cartId}`, SK: 'CARTHOLD' }),
  recoveryShard: (shard: number) => `RECOVERY#${shard}`,
  recovery: (orderId: string, dueAt: string) => ({
    PK: `RECOVERY#${createHash('sha256').update(orderId).digest()[0]! % RECOVERY_SHARDS}`,
    SK: `${dueAt}#${orderId}`,
  }),
  ordersInStatus: (status: string) => `ORDERSTATUS#${status}`,
  webhookEvent: (provider: string, eventId: string) => ({ PK: `WEBHOOK#${provider}#${eventId}`, SK: 'WEBHOOK' }),
  testPayment: (orderId: string) => ({ PK: `TESTPAYMENT#${orderId}`, SK: 'TESTPAYMENT' }),
} as const;

/** Pub/sub channels; the catalog subscribes to `stockChanged` (its keys.ts names the same one). */
export const channels = {
  stockChanged: (prefix: string) => `${prefix}stock:changed`,
} as const;
