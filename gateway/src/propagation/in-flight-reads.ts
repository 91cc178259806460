import { HEADER_INTERNAL_CONTEXT } from '@shopgraph/shared';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * Lets identical reads in flight at one time share one subgraph fetch: the same subgraph URL,
 * the same body (query and variables) and the same signed context, so the same session and
 * audience. Many shoppers opening one product page at once then cost its subgraphs one fetch.
 * Only queries are shared; a mutation always makes its own fetch. Each caller gets its own
 * copy of the answer (a clone), whose body it parses itself.
 */
export function shareInFlightReads(fetch: Fetcher): Fetcher {
  const inFlight = new Map<string, ReturnType<Fetcher>>();
  return (url, init) => {
    const body = init?.body;
    if (typeof body !== 'string' || !isQuery(body)) return fetch(url, init);
    const headers = (init?.headers ?? {});
    const key = `${url}\n${headers[HEADER_INTERNAL_CONTEXT] ?? ''}\n${body}`;
    let shared = inFlight.get(key);
    if (!shared) {
      shared = fetch(url, init);
      inFlight.set(key, shared);
      const forget = () => inFlight.delete(key);
      shared.then(forget, forget);
    }
    return shared.then((response) => response.clone());
  };
}

/**
 * Apollo's data source sends `{"query":"<operation>",...}`; a subgraph operation it plans is
 * `query ...` or `{ ... }` for reads, `mutation ...` for writes. Anything else is not shared.
 */
export function isQuery(body: string): boolean {
  return body.startsWith('{"query":"query') || body.startsWith('{"query":"{');
}
