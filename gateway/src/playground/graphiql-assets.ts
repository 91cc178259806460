import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';

/** Where the playground's files are served: under the endpoint, so whatever routes /graphql routes them too. */
export const PLAYGROUND_ASSETS_PATH = '/graphql/playground';

/** The gateway's own files for the page (its start-up script and layout). */
const PUBLIC_DIR = fileURLToPath(new URL('../../public/playground/', import.meta.url));

const JAVASCRIPT = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * Everything the page loads, in the order it loads it. GraphiQL 3 ships a browser-ready
 * bundle that expects React 18's UMD builds as globals (its later versions are ESM only and
 * would need a bundler). The fonts are inlined in its stylesheet, and it starts no worker.
 */
const FILES = [
  { name: 'react.js', type: JAVASCRIPT, from: ['react', 'umd/react.production.min.js'] },
  { name: 'react-dom.js', type: JAVASCRIPT, from: ['react-dom', 'umd/react-dom.production.min.js'] },
  { name: 'graphiql.js', type: JAVASCRIPT, from: ['graphiql', 'graphiql.min.js'] },
  { name: 'graphiql.css', type: CSS, from: ['graphiql', 'graphiql.min.css'] },
  { name: 'playground.css', type: CSS, from: [undefined, 'playground.css'] },
  { name: 'playground.js', type: JAVASCRIPT, from: [undefined, 'playground.js'] },
] as const;

export interface PlaygroundAsset {
  name: string;
  type: string;
  /** The URL the page names it by; it changes with the content, so browsers may keep it for good. */
  url: string;
  body: Buffer;
}

export type PlaygroundAssets = readonly PlaygroundAsset[];

/**
 * Reads the files once, at start-up. graphiql, react and react-dom are development
 * dependencies of the gateway: only development serves the playground, and the production
 * image leaves them out.
 */
export function loadPlaygroundAssets(): PlaygroundAssets {
  const require = createRequire(import.meta.url);
  const packageDir = (name: string) => {
    try {
      return dirname(require.resolve(`${name}/package.json`));
    } catch (error) {
      throw new Error(`the playground needs the ${name} package (a development dependency of the gateway; run npm install)`, { cause: error });
    }
  };
  return FILES.map(({ name, type, from: [pkg, file] }) => {
    const path = pkg ? join(packageDir(pkg), file) : join(PUBLIC_DIR, file);
    let body: Buffer;
    try {
      body = readFileSync(path);
    } catch (error) {
      // A production image has neither gateway/public nor the development dependencies.
      throw new Error(`the playground cannot read ${path} (PLAYGROUND=sandbox needs no files): ${(error as Error).message}`, { cause: error });
    }
    const version = createHash('sha256').update(body).digest('hex').slice(0, 16);
    return { name, type, url: `${PLAYGROUND_ASSETS_PATH}/${name}?v=${version}`, body };
  });
}

/**
 * Serves the assets. A request naming the current version may be cached for a year (the
 * page names a new URL when a file changes); any other must be revalidated. An unknown name
 * is a 404 here, never a GraphQL request.
 */
export function playgroundAssetRoutes(assets: PlaygroundAssets): Router {
  const byName = new Map(assets.map((asset) => [asset.name, asset]));
  const router = Router();
  router.get('/:name', (req, res) => {
    const asset = byName.get(req.params.name);
    if (!asset) {
      res.status(404).type('text/plain').send('not found');
      return;
    }
    const version = req.query['v'];
    const current = typeof version === 'string' && `${PLAYGROUND_ASSETS_PATH}/${asset.name}?v=${version}` === asset.url;
    res
      .set({
        'content-type': asset.type,
        'cache-control': current ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
      })
      .send(asset.body);
  });
  router.use((_req, res) => {
    res.status(404).type('text/plain').send('not found');
  });
  return router;
}
