import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { bundleStorefront } from './bundle.js';

const PUBLIC_DIR = new URL('../../public/', import.meta.url);

export interface StorefrontServerOptions {
  /** The gateway's GraphQL endpoint the browser talks to, e.g. http://127.0.0.1:4000/graphql. */
  gatewayUrl: string;
  host?: string;
  /** 0 picks a free port. */
  port: number;
}

export interface StorefrontServer {
  start(): Promise<{ url: string }>;
  stop(): Promise<void>;
}

/**
 * Serves the storefront: one HTML page, its script and its stylesheet, from an origin of its
 * own. It holds no state and proxies nothing: the browser calls the gateway directly, across
 * origins, with the session cookie. Every other path answers the page (routes live in the hash).
 */
export function createStorefrontServer({ gatewayUrl, host = '127.0.0.1', port }: StorefrontServerOptions): StorefrontServer {
  const gatewayOrigin = new URL(gatewayUrl).origin;
  let server: Server | undefined;

  return {
    async start() {
      const [script, styles, template] = await Promise.all([
        bundleStorefront(),
        readFile(fileURLToPath(new URL('styles.css', PUBLIC_DIR)), 'utf8'),
        readFile(fileURLToPath(new URL('index.html', PUBLIC_DIR)), 'utf8'),
      ]);
      const assets: Record<string, { type: string; body: string }> = {
        '/app.js': { type: 'text/javascript; charset=utf-8', body: script },
        '/styles.css': { type: 'text/css; charset=utf-8', body: styles },
      };
      const page = { type: 'text/html; charset=utf-8', body: template.replace('{{GATEWAY_URL}}', escapeAttribute(gatewayUrl)) };
      const headers = {
        // The page may talk to its own origin and the gateway only, and run only its own script.
        'content-security-policy': `default-src 'self'; connect-src 'self' ${gatewayOrigin}; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'same-origin',
        'cache-control': 'no-cache',
      };
      server = createServer((request, response) => {
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          response.writeHead(405, { allow: 'GET, HEAD' }).end();
          return;
        }
        const path = new URL(request.url ?? '/', 'http://storefront').pathname;
        const asset = assets[path] ?? (path === '/favicon.ico' ? undefined : page);
        if (!asset) {
          response.writeHead(404).end();
          return;
        }
        response.writeHead(200, { ...headers, 'content-type': asset.type });
        response.end(request.method === 'HEAD' ? undefined : asset.body);
      });
      const listening = server;
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, host, () => resolve());
      });
      const address = listening.address() as AddressInfo;
      return { url: `http://${host}:${address.port}/` };
    },
    async stop() {
      const running = server;
      server = undefined;
      if (!running) return;
      const closed = new Promise<void>((resolve) => running.close(() => resolve()));
      // A browser keeps connections open; nothing here is worth waiting for.
      running.closeAllConnections();
      await closed;
    },
  };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
