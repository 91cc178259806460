import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { STATUS_CODES } from 'node:http';
import type { Dispatcher } from 'undici';

/** What Apollo's data sources expect their fetcher to resolve with. */
export type FetcherResponse = Awaited<ReturnType<RemoteGraphQLDataSource['fetcher']>>;

/**
 * A subgraph's answer in the shape Apollo's data sources read (fetch's Response), over
 * undici's plain `request` result. Building a WHATWG Response would put every body through a
 * web stream, which cost the gateway about a tenth of its CPU per request.
 */
export function subgraphResponse(url: string, answer: Dispatcher.ResponseData): FetcherResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined) continue;
    for (const one of [value].flat()) headers.append(name, one);
  }
  // Read once; clones and repeated reads share it, as the data source reads a body at most once.
  let text: Promise<string> | undefined;
  const readText = () => (text ??= answer.body.text());
  const make = (): FetcherResponse => ({
    get bodyUsed() {
      return text !== undefined;
    },
    url,
    redirected: false,
    status: answer.statusCode,
    ok: answer.statusCode >= 200 && answer.statusCode < 300,
    statusText: STATUS_CODES[answer.statusCode] ?? '',
    headers,
    text: readText,
    json: async () => JSON.parse(await readText()) as unknown,
    arrayBuffer: async () => new TextEncoder().encode(await readText()).buffer,
    clone: make,
  });
  return make();
}
