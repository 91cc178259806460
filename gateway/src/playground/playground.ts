import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { Express } from 'express';
import { loadExamples } from './examples.js';
import { loadPlaygroundAssets, PLAYGROUND_ASSETS_PATH, playgroundAssetRoutes } from './graphiql-assets.js';
import { renderGraphiqlPage } from './graphiql-page.js';

/**
 * `PLAYGROUND`, in development: `graphiql` is served by the gateway itself and works offline;
 * `sandbox` is Apollo's embedded Sandbox, loaded from Apollo's CDN.
 */
export const PLAYGROUNDS = ['graphiql', 'sandbox'] as const;
export type PlaygroundChoice = (typeof PLAYGROUNDS)[number] | 'off';

/** The page a browser gets at /graphql, and the routes it needs. */
export interface Playground {
  /** Apollo's landing page: the one chosen, or none. */
  plugin: ApolloServerPlugin<BaseContext>;
  /** Adds the page's asset routes; call before /graphql's own handlers, which would take them for requests. */
  mount(app: Express): void;
}

export interface PlaygroundOptions {
  choice: PlaygroundChoice;
  /** The trusted-documents manifest, whose operations the playground opens as examples. */
  manifestPath: string;
}

/** Where server.ts mounts the API; the page is served there too, and talks to it. */
const ENDPOINT = '/graphql';

export function createPlayground({ choice, manifestPath }: PlaygroundOptions): Playground {
  if (choice === 'off') return { plugin: ApolloServerPluginLandingPageDisabled(), mount: () => {} };
  if (choice === 'sandbox') return { plugin: ApolloServerPluginLandingPageLocalDefault({ embed: true }), mount: () => {} };

  const assets = loadPlaygroundAssets();
  const examples = loadExamples(manifestPath);
  const storageNamespace = `shopgraph-playground-${createHash('sha256').update(JSON.stringify(examples)).digest('hex').slice(0, 12)}`;
  const html = renderGraphiqlPage(assets, { endpoint: ENDPOINT, storageNamespace, examples });
  return {
    plugin: {
      async serverWillStart() {
        return {
          async renderLandingPage() {
            return { html };
          },
        };
      },
    },
    mount(app) {
      app.use(PLAYGROUND_ASSETS_PATH, playgroundAssetRoutes(assets));
    },
  };
}
