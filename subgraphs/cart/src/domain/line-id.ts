/**
 * A line's id names its cart and its variant: a cart holds one line per variant, so the pair is
 * the line. Opaque to clients (base64url), and checked against the caller's own cart, so an id
 * from another cart or a malformed one reads exactly like an unknown one.
 */
const PREFIX = 'line_';
const SEPARATOR = ':';

export function lineIdOf(cartId: string, variantId: string): string {
  return `${PREFIX}${Buffer.from(`${cartId}${SEPARATOR}${variantId}`, 'utf8').toString('base64url')}`;
}

/** The cart and variant a line id names, or undefined when it is not one of ours. */
export function parseLineId(lineId: string): { cartId: string; variantId: string } | undefined {
  if (!lineId.startsWith(PREFIX) || lineId.length > 400) return undefined;
  const decoded = Buffer.from(lineId.slice(PREFIX.length), 'base64url').toString('utf8');
  const at = decoded.indexOf(SEPARATOR);
  if (at <= 0 || at === decoded.length - 1) return undefined;
  const cartId = decoded.slice(0, at);
  const variantId = decoded.slice(at + 1);
  // Re-encoding must give the same id: rejects ids padded or altered to decode the same.
  return lineIdOf(cartId, variantId) === lineId ? { cartId, variantId } : undefined;
}
