import { z } from 'zod';

const cursorSchema = z.strictObject({
  v: z.literal(1),
  /** The last order's position in the customer's index: `<createdAt>#<orderId>`. */
  k: z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#ord_[\w-]{1,64}$/),
});

/** Opaque to clients: base64url JSON, never a raw DynamoDB key. */
export function encodeOrderCursor(sortKey: string): string {
  return Buffer.from(JSON.stringify({ v: 1, k: sortKey })).toString('base64url');
}

/** Undefined for anything that is not a cursor this service issued. */
export function decodeOrderCursor(text: string): string | undefined {
  if (text.length > 512 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data.k : undefined;
  } catch {
    return undefined;
  }
}
