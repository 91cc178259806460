import { loadGatewayConfig } from '@shopgraph/gateway';
import { generateKeys } from '@shopgraph/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoneGateway, type LoneGateway } from '../support/lone-gateway.js';
import { startSubgraphStandIn, type SubgraphStandIn } from '../support/subgraph-stand-in.js';

const STOREFRONT = 'https://shop.example.com';
const FOREIGN = 'https://evil.example';

function preflight(url: string, origin: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
}

function postFrom(url: string, origin: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
}

describe('the HTTP edge', () => {
  let standIn: SubgraphStandIn;
  let gateway: LoneGateway;
  let closed: LoneGateway;
  beforeAll(async () => {
    standIn = await startSubgraphStandIn();
    standIn.release();
    [gateway, closed] = await Promise.all([startLoneGateway(standIn.url, { CORS_ORIGINS: `${STOREFRONT}, http://localhost:3000` }), startLoneGateway(standIn.url)]);
  });
  afterAll(async () => {
    await Promise.all([gateway?.stop(), closed?.stop()]);
    await standIn?.stop();
  });

  describe('CORS', () => {
    it('when a listed storefront sends a preflight, then it is allowed with credentials and cached', async () => {
      const response = await preflight(gateway.url, STOREFRONT);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(STOREFRONT);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('access-control-max-age')).toBe('600');
      expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
      expect(response.headers.get('access-control-allow-headers')).toContain('content-type');
      // A storefront's retried mutations carry one.
      expect(response.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    });

    it('when a listed storefront posts, then the answer is readable by it, with the request id exposed, and varies by origin', async () => {
      const response = await postFrom(gateway.url, STOREFRONT);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(STOREFRONT);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
      expect(response.headers.get('vary')).toMatch(/origin/i);
    });

    it('when a foreign origin sends a preflight or a post, then no CORS header allows it, so its browser withholds the answer', async () => {
      for (const response of [await preflight(gateway.url, FOREIGN), await postFrom(gateway.url, FOREIGN)]) {
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
        expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      }
    });

    it('when no origin is configured, then not even a storefront origin is allowed', async () => {
      const response = await preflight(closed.url, STOREFRONT);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect((await postFrom(closed.url, STOREFRONT)).headers.get('access-control-allow-origin')).toBeNull();
    });

    it('when CORS_ORIGINS holds something that is not an origin, then the gateway does not start, naming the variable', async () => {
      const keys = await generateKeys('cors');
      const base = { SESSION_KEYS: JSON.stringify(keys.sessionKeys), INTERNAL_CONTEXT_PRIVATE_KEY: JSON.stringify(keys.internalContextPrivateKey) };
      for (const bad of ['*', 'https://shop.example.com/', 'shop.example.com', 'https://shop.example.com/path']) {
        expect(() => loadGatewayConfig({ ...base, CORS_ORIGINS: bad }), bad).toThrow(/CORS_ORIGINS/);
      }
      expect(loadGatewayConfig({ ...base, CORS_ORIGINS: STOREFRONT }).cors.origins).toEqual([STOREFRONT]);
    });
  });
});
