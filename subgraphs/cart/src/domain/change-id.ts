import { createHash, randomUUID } from 'node:crypto';

/**
 * The id an add is remembered by. With the client's Idempotency-Key it is derived from the key,
 * the field's place in the operation (two aliased adds in one request are two changes) and the
 * add's arguments (a key reused for a different add does not swallow it), so every retry of
 * the request computes the same id. Without a key it is random: it still keeps the SDK's own
 * retries of a write from applying it twice.
 */
export function changeIdFor(idempotencyKey: string | undefined, fieldPath: string, args: { variantId: string; quantity: number }): string {
  if (!idempotencyKey) return randomUUID();
  return createHash('sha256').update(JSON.stringify([idempotencyKey, fieldPath, args.variantId, args.quantity])).digest('base64url').slice(0, 22);
}
