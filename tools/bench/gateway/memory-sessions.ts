import { contractOperation } from '../../contract/contract-operation.js';
import type { BenchProcess } from './bench-process.js';

const SHIPPING_METHODS = JSON.stringify({ query: contractOperation('ShippingMethods'), operationName: 'ShippingMethods' });

/**
 * Sends `count` sessions' requests, `requestsPerSession` each (a session's next request after
 * its previous answer); every answer must be right, and the session handling must be what the
 * design says: shopgraph sets no cookie for a valid token, the baseline sets one for every new visitor.
 */
export async function sendSessions(
  server: BenchProcess,
  count: number,
  requestsPerSession: number,
  cookie: () => Promise<string | undefined>,
  series: string,
  concurrency: number,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        const value = await cookie();
        for (let request = 0; request < requestsPerSession; request++) {
          const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(value ? { cookie: value } : {}) }, body: SHIPPING_METHODS });
          const text = await response.text();
          if (!response.ok || text.includes('"errors"') || !text.includes('"shippingMethods":[')) throw new Error(`${series} answered ${response.status}: ${text.slice(0, 200)}`);
          const setCookie = response.headers.get('set-cookie') !== null;
          if (setCookie !== (value === undefined)) throw new Error(`${series} ${setCookie ? 'set' : 'did not set'} a session cookie for ${value ? 'a visitor with a valid session' : 'a new visitor'}`);
        }
      }
    }),
  );
}
