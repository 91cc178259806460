import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorefrontServer, type StorefrontServer } from '../src/index.js';

const manifest = JSON.parse(readFileSync(new URL('../../clients/operations/manifest.json', import.meta.url), 'utf8')) as { operations: { name: string }[] };

describe('the storefront server', () => {
  const gatewayUrl = 'http://127.0.0.1:4999/graphql';
  let server: StorefrontServer;
  let base: string;

  beforeAll(async () => {
    server = createStorefrontServer({ gatewayUrl, port: 0 });
    base = (await server.start()).url;
  });
  afterAll(() => server.stop());

  it('when the page is asked for, then it names the gateway and allows scripts and requests only to itself and the gateway', async () => {
    const response = await fetch(base);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`<meta name="shopgraph-gateway" content="${gatewayUrl}">`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("connect-src 'self' http://127.0.0.1:4999;");
    expect(policy).toContain("default-src 'self'");
  });

  it('when the script is asked for, then it holds the manifest’s operations and no other', async () => {
    const response = await fetch(new URL('/app.js', base));
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    const script = await response.text();
    const inScript = new Set([...script.matchAll(/\b(?:query|mutation|subscription) ([A-Za-z]\w*)\s*[({]/g)].map((match) => match[1]));
    expect([...inScript].sort()).toEqual(manifest.operations.map((operation) => operation.name).sort());
  });

  it('when any other path is asked for, then the page answers (routes live in the hash); a POST is refused', async () => {
    expect((await fetch(new URL('/cart', base))).status).toBe(200);
    expect((await fetch(new URL('/favicon.ico', base))).status).toBe(404);
    expect((await fetch(base, { method: 'POST', body: '{}' })).status).toBe(405);
  });
});
