import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signature's timestamp may be from now: a captured delivery cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Stripe's scheme (`t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`), used by the test
 * provider so its webhooks are verified the way a real provider's are.
 */
export function signWebhook(body: string | Buffer, secret: string, timestampSeconds = Math.floor(Date.now() / 1000)): string {
  return `t=${timestampSeconds},v1=${digest(body, secret, timestampSeconds)}`;
}

/** True only for a well-formed header whose timestamp is recent and whose v1 signature matches the body. */
export function verifyWebhookSignature(body: Buffer, header: string | undefined, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  if (!header || header.length > 1_000) return false;
  const parts = new Map<string, string[]>();
  for (const part of header.split(',')) {
    const [key, value] = part.split('=', 2);
    if (key && value) parts.set(key.trim(), [...(parts.get(key.trim()) ?? []), value.trim()]);
  }
  const timestamp = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(digest(body, secret, timestamp), 'hex');
  // Several v1 entries are allowed (a secret being rotated); any one matching is enough.
  return (parts.get('v1') ?? []).some((candidate) => {
    const given = Buffer.from(candidate, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

function digest(body: string | Buffer, secret: string, timestampSeconds: number): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex');
}
