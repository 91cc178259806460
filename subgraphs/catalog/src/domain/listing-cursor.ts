import { createHash } from 'node:crypto';
import { z } from 'zod';

const cursorSchema = z.strictObject({
  v: z.literal(2),
  /** Fingerprint of the filter and sort the cursor was issued for. */
  f: z.string().max(64),
  /** The last item's sort value (title key, price, creation time or relevance score). */
  s: z.union([z.string().max(512), z.number().finite()]),
  /** The last item's id, the tie-breaker of every order. */
  id: z.string().max(128),
});
export type ListingCursor = z.infer<typeof cursorSchema>;

/** Opaque to clients: base64url JSON, never a raw DynamoDB key. */
export function encodeCursor(cursor: ListingCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Undefined for anything that is not a cursor this service issued. */
export function decodeCursor(text: string): ListingCursor | undefined {
  if (text.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A short digest of what defines a listing (normalised filter and sort). A cursor carries it,
 * so one issued for "shoes by price" is refused by "hoodies by title" instead of silently
 * pointing at an unrelated position.
 */
export function listingFingerprint(definition: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(definition)).digest('base64url').slice(0, 16);
}
