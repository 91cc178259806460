import { randomUUID } from 'node:crypto';

/** Waits before asking again after SERVICE_UNAVAILABLE: about 7.5 s in all, then the answer stands. */
const RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000];

/**
 * One shopper's client as the README's curl commands are: JSON POSTs to the gateway, with a
 * cookie jar (a browser), or a bearer token (a mobile app). `post` throws on the first wrong
 * answer (a status other than 200, or any GraphQL error), naming the operation. Like the
 * reference clients, it asks again a few times when every error is SERVICE_UNAVAILABLE (a
 * service still warming up, say), under one `Idempotency-Key` per post, so a retried mutation
 * lands once (docs/api.md, retrying mutations).
 */
export interface ShopperClient {
  post<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Cookies the gateway has set on this client. */
  cookieCount(): number;
}

export function createShopperClient(url: string, { bearer }: { bearer?: string } = {}): ShopperClient {
  const jar = new Map<string, string>();
  return {
    cookieCount: () => jar.size,
    async post<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const idempotencyKey = randomUUID();
      for (let attempt = 0; ; attempt++) {
        const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': idempotencyKey };
        if (jar.size) headers['cookie'] = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
        if (bearer) headers['authorization'] = `Bearer ${bearer}`;
        const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(variables ? { query, variables } : { query }), signal: AbortSignal.timeout(30_000) });
        for (const cookie of response.headers.getSetCookie()) {
          const [pair = ''] = cookie.split(';');
          const at = pair.indexOf('=');
          jar.set(pair.slice(0, at), pair.slice(at + 1));
        }
        const body = (await response.json()) as { data?: T; errors?: { extensions?: { code?: string } }[] };
        if (response.status === 200 && !body.errors) return body.data!;
        const retryable = (body.errors ?? []).length > 0 && body.errors!.every((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE');
        const delayMs = RETRY_DELAYS_MS[attempt];
        if (!retryable || delayMs === undefined) throw new Error(`${query.slice(0, 40)}… answered ${response.status}: ${JSON.stringify(body.errors ?? body)}`);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    },
  };
}
