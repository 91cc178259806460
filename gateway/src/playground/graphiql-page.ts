import type { PlaygroundExample } from './examples.js';
import type { PlaygroundAssets } from './graphiql-assets.js';

/**
 * What the page may load and reach: its own origin only. Scripts run only from the gateway's
 * files (the settings the page carries are JSON, not code). GraphiQL's fonts are data: URLs in
 * its stylesheet. Its dialogs add <style> elements of their own, so styles need
 * 'unsafe-inline', which lets no script run.
 */
export const PLAYGROUND_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export interface PlaygroundSettings {
  /** The GraphQL endpoint, on the page's own origin. */
  endpoint: string;
  /** Where GraphiQL keeps its tabs; named after the examples, so a changed contract opens fresh tabs. */
  storageNamespace: string;
  examples: readonly PlaygroundExample[];
}

/** The HTML at GET /graphql (Accept: text/html): GraphiQL, loaded from the gateway alone. */
export function renderGraphiqlPage(assets: PlaygroundAssets, settings: PlaygroundSettings): string {
  const styles = assets.filter((asset) => asset.type.startsWith('text/css'));
  const scripts = assets.filter((asset) => asset.type.startsWith('text/javascript'));
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${PLAYGROUND_CSP}" />
    <meta name="referrer" content="same-origin" />
    <title>shopgraph playground</title>
${styles.map((asset) => `    <link rel="stylesheet" href="${asset.url}" />`).join('\n')}
  </head>
  <body>
    <div id="playground">Loading the playground…</div>
    <script type="application/json" id="playground-settings">${jsonForScript(settings)}</script>
${scripts.map((asset) => `    <script src="${asset.url}"></script>`).join('\n')}
  </body>
</html>
`;
}

/** JSON that cannot end its <script> element early, whatever the operations' text holds. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
