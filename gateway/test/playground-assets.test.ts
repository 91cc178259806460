import { generateKeys } from '@shopgraph/shared';
import { readFileSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../src/config.js';
import { loadExamples } from '../src/playground/examples.js';
import { createPlayground } from '../src/playground/playground.js';

const OPERATIONS_DIR = fileURLToPath(new URL('../../clients/operations/', import.meta.url));
const MANIFEST_PATH = `${OPERATIONS_DIR}manifest.json`;

/** The landing page's HTML, as Apollo Server asks the plugin for it. */
async function pageOf(choice: 'graphiql' | 'sandbox'): Promise<string> {
  const listener = await createPlayground({ choice, manifestPath: MANIFEST_PATH }).plugin.serverWillStart?.({} as never);
  const page = await listener?.renderLandingPage?.();
  if (!page) throw new Error('no landing page');
  return typeof page.html === 'string' ? page.html : page.html();
}

/** Every URL the page loads a script or a stylesheet from. */
function loadedUrls(html: string): string[] {
  return [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"|<link[^>]*\shref="([^"]+)"/g)].map((match) => match[1] ?? match[2] ?? '');
}

describe('the GraphiQL playground page and its assets', () => {
  let server: Server;
  let origin: string;
  let html: string;

  beforeAll(async () => {
    html = await pageOf('graphiql');
    const app = express();
    createPlayground({ choice: 'graphiql', manifestPath: MANIFEST_PATH }).mount(app);
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('when the page is rendered, then every script and stylesheet comes from the gateway, under a strict policy', async () => {
    const urls = loadedUrls(html);
    expect(urls).toHaveLength(6);
    for (const url of urls) expect(url).toMatch(/^\/graphql\/playground\/[\w.-]+\?v=[0-9a-f]{16}$/);
    expect(html).not.toMatch(/<script[^>]*src="(https?:)?\/\//);
    expect(html).not.toMatch(/<link[^>]*href="(https?:)?\/\//);
    expect(html).toContain(`content="default-src 'none'; script-src 'self';`);
    // Control: Apollo's Sandbox, the other choice, is exactly what this refuses.
    expect(await pageOf('sandbox')).toMatch(/<script[^>]*src="https:\/\//);
  });

  it('when the browser fetches the assets, then each comes with its content type and a year of caching', async () => {
    const types = new Map<string, string>();
    for (const url of loadedUrls(html)) {
      const response = await fetch(`${origin}${url}`);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('cache-control'), url).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const body = await response.text();
      expect(body.length, url).toBeGreaterThan(50);
      types.set(url.split('?')[0]!, response.headers.get('content-type') ?? '');
      if (url.endsWith('.css') || url.includes('.css?')) {
        // Fonts and images inlined; nothing fetched from elsewhere.
        expect(body).not.toMatch(/@import/);
        for (const [, target] of body.matchAll(/url\(\s*["']?([^"')]*)/g)) expect(target).toMatch(/^data:/);
      } else {
        expect(body).not.toMatch(/<script[^>]*src=\\?["']https?:/);
        expect(body).not.toMatch(/<link[^>]*href=\\?["']https?:/);
        expect(body).not.toMatch(/importScripts\(|new Worker\(/);
      }
    }
    expect(Object.fromEntries(types)).toEqual({
      '/graphql/playground/react.js': 'text/javascript; charset=utf-8',
      '/graphql/playground/react-dom.js': 'text/javascript; charset=utf-8',
      '/graphql/playground/graphiql.js': 'text/javascript; charset=utf-8',
      '/graphql/playground/graphiql.css': 'text/css; charset=utf-8',
      '/graphql/playground/playground.css': 'text/css; charset=utf-8',
      '/graphql/playground/playground.js': 'text/javascript; charset=utf-8',
    });
    const graphiql = await (await fetch(`${origin}${loadedUrls(html).find((url) => url.includes('graphiql.js'))}`)).text();
    expect(graphiql).toBe(readFileSync(createRequire(import.meta.url).resolve('graphiql/package.json').replace(/package\.json$/, 'graphiql.min.js'), 'utf8'));
  });

  it('when an asset is asked for by an old version or a wrong name, then it is revalidated or not found', async () => {
    const stale = await fetch(`${origin}/graphql/playground/graphiql.js?v=0000000000000000`);
    expect(stale.status).toBe(200);
    expect(stale.headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${origin}/graphql/playground/nothing.js`)).status).toBe(404);
  });

  it('when the page opens, then every client operation is a tab, queries first, with its required variables filled in', () => {
    const settings = JSON.parse(/<script type="application\/json" id="playground-settings">([^<]*)<\/script>/.exec(html)?.[1] ?? '{}') as {
      endpoint: string;
      examples: { name: string; query: string; variables: string }[];
    };
    const inFiles = readdirSync(OPERATIONS_DIR)
      .filter((file) => file.endsWith('.graphql'))
      .flatMap((file) => [...readFileSync(`${OPERATIONS_DIR}${file}`, 'utf8').matchAll(/^(?:query|mutation) (\w+)/gm)].map((match) => match[1]));
    expect(settings.endpoint).toBe('/graphql');
    expect(settings.examples.map((example) => example.name).sort()).toEqual(inFiles.sort());
    // Queries first, each group by name: the first tab is the first query by name.
    const isQuery = (example: { query: string; name: string }) => new RegExp(`^query ${example.name}\\b`, 'm').test(example.query);
    const firstMutation = settings.examples.findIndex((example) => !isQuery(example));
    expect(firstMutation).toBeGreaterThan(0);
    expect(settings.examples.slice(firstMutation).every((example) => !isQuery(example))).toBe(true);
    const queryNames = settings.examples.slice(0, firstMutation).map((example) => example.name);
    expect(queryNames).toEqual([...queryNames].sort((a, b) => a.localeCompare(b)));
    expect(settings.examples.find((example) => example.name === 'Browse')).toMatchObject({ variables: JSON.stringify({ first: 10 }, null, 2) });
    const addToCart = settings.examples.find((example) => example.name === 'AddToCart');
    expect(addToCart?.query).toContain('fragment CartFields on Cart');
    expect(JSON.parse(addToCart?.variables ?? '')).toEqual({ variantId: '', quantity: 10 });
    expect(loadExamples(MANIFEST_PATH)).toEqual(settings.examples);
  });
});

describe('the PLAYGROUND setting', () => {
  const base = async () => {
    const keys = await generateKeys('playground');
    return { SESSION_KEYS: JSON.stringify(keys.sessionKeys), INTERNAL_CONTEXT_PRIVATE_KEY: JSON.stringify(keys.internalContextPrivateKey) };
  };

  it('when unset, then development serves GraphiQL and every other environment no page', async () => {
    expect(loadGatewayConfig({ ...(await base()), NODE_ENV: 'development' }).playground).toBe('graphiql');
    expect(loadGatewayConfig({ ...(await base()) }).playground).toBe('off');
    expect(loadGatewayConfig({ ...(await base()), NODE_ENV: 'test' }).playground).toBe('off');
  });

  it('when it asks for the Sandbox, then development serves it, production still none, and a typo stops the start naming it', async () => {
    expect(loadGatewayConfig({ ...(await base()), NODE_ENV: 'development', PLAYGROUND: 'sandbox' }).playground).toBe('sandbox');
    expect(loadGatewayConfig({ ...(await base()), NODE_ENV: 'production', PLAYGROUND: 'sandbox' }).playground).toBe('off');
    const env = { ...(await base()), NODE_ENV: 'development', PLAYGROUND: 'graphql-playground' };
    expect(() => loadGatewayConfig(env)).toThrow(/PLAYGROUND/);
  });
});
