import { readFileSync } from 'node:fs';

/**
 * The gateway serves only the committed, composed supergraph file: what CI checked is what
 * runs. Polling or introspecting subgraphs is never done here.
 */
export function readSupergraph(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the supergraph at ${path} (run \`npm run compose\`): ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Each subgraph's GraphQL URL: the deployment's override, else the one the supergraph names.
 * The gateway's own calls (session status, guest-cart hand-over) go to the same services.
 */
export function subgraphUrls(supergraphSdl: string, overrides: Partial<Record<string, string>>): Map<string, string> {
  const urls = new Map<string, string>();
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    const [, name, url] = match as unknown as [string, string, string];
    urls.set(name, overrides[name] ?? url);
  }
  return urls;
}

/**
 * The URL of a subgraph's `/internal/<path>` route, on the host its GraphQL URL names: the
 * gateway's own calls need no address of their own to configure.
 */
export function internalRouteUrls(urls: ReadonlyMap<string, string>, supergraphPath: string): (subgraph: string, path: string) => string {
  return (subgraph, path) => {
    const base = urls.get(subgraph);
    if (!base) throw new Error(`the supergraph at ${supergraphPath} has no ${subgraph} subgraph; is it composed? (npm run compose)`);
    return new URL(`/internal/${path}`, base).toString();
  };
}
