import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, fetch } from 'undici';

/** The fetch function Apollo's data sources call. */
type Fetcher = RemoteGraphQLDataSource['fetcher'];

export interface SubgraphFetcherOptions {
  /** The whole exchange (connect, answer, body) with a subgraph; past it the fetch is aborted. */
  timeoutMs: number;
  /** Open connections to one subgraph at most; further fetches wait for one to be free. */
  connectionsPerSubgraph: number;
}

export interface SubgraphFetcher {
  fetch: Fetcher;
  /** Closes the pool's connections once their requests are done; for the gateway's stop. */
  close(): Promise<void>;
}

/**
 * The gateway's one way to reach its subgraphs: undici's fetch over one keep-alive Agent,
 * whose pool per origin (one per subgraph) holds at most `connectionsPerSubgraph`
 * connections, and a deadline on every fetch so a hung subgraph cannot hang a request.
 * Given to Apollo's data sources as their `fetcher`: in Apollo Gateway 2 that is the only
 * way to choose how they connect (an agent set in willSendRequest is ignored).
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): SubgraphFetcher {
  const agent = new Agent({ connections: options.connectionsPerSubgraph, connect: { timeout: options.timeoutMs } });
  return {
    fetch: (url, init) => fetch(url, { ...init, dispatcher: agent, signal: AbortSignal.timeout(options.timeoutMs) }),
    close: () => agent.close(),
  };
}
