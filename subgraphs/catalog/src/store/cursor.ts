import { z } from 'zod';

const cursorSchema = z.strictObject({
  v: z.literal(1),
  /** The listing the cursor belongs to; a cursor from another listing is refused. */
  o: z.string(),
  /** The last item's listing sort key and id. */
  k: z.string().max(1024),
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
