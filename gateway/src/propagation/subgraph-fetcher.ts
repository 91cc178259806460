import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent } from 'undici';
import { isQuery, shareInFlightReads } from './in-flight-reads.js';
import { subgraphResponse } from './subgraph-response.js';

/** The fetch function Apollo's data sources call. */
type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * A request header the data source sets on a fetch that may wait on a payment provider, read
 * and removed here before the fetch leaves: the fetcher's only per-fetch input is its
 * `init`, and Apollo hands it the headers as a plain object.
 */
export const PAYMENT_DEADLINE_MARK = 'x-shopgraph-payment-deadline';

export interface SubgraphFetcherOptions {
  /** The whole exchange (connect, answer, body) with a subgraph; past it the fetch is aborted. */
  timeoutMs: number;
  /**
   * The same for a fetch that may wait on a payment provider (see PAYMENT_DEADLINE_MARK):
   * above checkout's own payment deadline, so a slow charge that succeeds answers with its
   * order instead of SERVICE_UNAVAILABLE.
   */
  paymentTimeoutMs: number;
  /** Open connections to one subgraph at most; further fetches wait for one to be free. */
  connectionsPerSubgraph: number;
  /** Identical reads in flight at once share one fetch (see in-flight-reads.ts). */
  shareInFlightReads: boolean;
  /**
   * How long a connection may take to be made, within the deadline; past it the connection
   * counts as refused. A replica that has gone together with its network (a container
   * stopped) does not refuse: its address goes silent, and without this a fetch sent there
   * would wait out its whole deadline.
   */
  connectTimeoutMs: number;
  /**
   * How long a fetch keeps asking again while the subgraph refuses the connection (a replica
   * restarting), within its deadline; 0 fails at the first refusal.
   */
  connectRetryMs: number;
}

/** The first wait after a refused connection; each next one doubles, up to the last. */
const FIRST_RETRY_DELAY_MS = 50;
const LONGEST_RETRY_DELAY_MS = 400;

export interface SubgraphFetcher {
  fetch: Fetcher;
  /** Closes the pool's connections once their requests are done; for the gateway's stop. */
  close(): Promise<void>;
}

/**
 * The gateway's one way to reach its subgraphs: undici's `request` over one keep-alive Agent,
 * whose pool per origin (one per subgraph) holds at most `connectionsPerSubgraph`
 * connections, and a deadline on every exchange so a hung subgraph cannot hang a request.
 * Given to Apollo's data sources as their `fetcher`: in Apollo Gateway 2 that is the only
 * way to choose how they connect (an agent set in willSendRequest is ignored). It fails as
 * fetch does: a TimeoutError at the deadline, a TypeError("fetch failed") when the subgraph
 * cannot be reached, which the data source turns into SERVICE_UNAVAILABLE.
 *
 * A connection that could not be made (refused, not made within `connectTimeoutMs`, or the name
 * not resolving) is asked again for up to `connectRetryMs`: nothing was sent, so even a mutation is safe to send again, and a
 * subgraph replica that is restarting (or the only one of a small deployment) costs its
 * shoppers a wait instead of an error. A failure after the connection was made is never
 * retried for a mutation: the subgraph may have acted on it. A read is sent again once, on a
 * new connection, when its connection was lost before its answer was read: a subgraph that
 * stops closes its idle keep-alive connections, and one can close just as a read is sent on
 * it (the last failure of the containers' kill-under-load run). A read changes nothing, so
 * sending it twice is safe.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): SubgraphFetcher {
  const agent = new Agent({ connections: options.connectionsPerSubgraph, connect: { timeout: Math.min(options.connectTimeoutMs, options.timeoutMs) } });
  const fetch: Fetcher = async (url, init) => {
    const { signal, clear } = deadline(takePaymentMark(init?.headers) ? options.paymentTimeoutMs : options.timeoutMs);
    const { origin, pathname, search } = new URL(url);
    const retryUntil = Date.now() + options.connectRetryMs;
    let resendsLeft = typeof init?.body === 'string' && isQuery(init.body) ? 1 : 0;
    try {
      for (let delayMs = FIRST_RETRY_DELAY_MS; ; delayMs = Math.min(2 * delayMs, LONGEST_RETRY_DELAY_MS)) {
        try {
          const answer = await agent.request({
            origin,
            path: pathname + search,
            method: init?.method ?? 'POST',
            headers: init?.headers,
            body: init?.body,
            signal,
          });
          const response = subgraphResponse(url, answer);
          // The deadline covers the body too: read it now, under the same signal.
          await response.text();
          return response;
        } catch (error) {
          if (signal.aborted) throw signal.reason as Error;
          if (isLost(error) && resendsLeft > 0) {
            resendsLeft--;
            continue;
          }
          if (!isRefused(error) || Date.now() + delayMs > retryUntil) throw new TypeError('fetch failed', { cause: error });
          await waitFor(delayMs, signal).catch(() => {
            throw signal.reason as Error;
          });
        }
      }
    } finally {
      clear();
    }
  };
  return { fetch: options.shareInFlightReads ? shareInFlightReads(fetch) : fetch, close: () => agent.close() };
}

/**
 * The request never left: nothing listens at the subgraph's address, or its name does not
 * resolve (a container's name leaves the network's DNS while it restarts), or its host is gone,
 * or its address did not answer in time (a stopped container's, while the name still gives it).
 */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** The connection was made, then closed or reset under the exchange. */
const LOST = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

function isRefused(error: unknown): boolean {
  return NOT_CONNECTED.has(codeOf(error));
}

function isLost(error: unknown): boolean {
  return LOST.has(codeOf(error));
}

/** undici's own code, or that of the error a body read wraps ("terminated"). */
function codeOf(error: unknown): string {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  if (typeof code === 'string') return code;
  return typeof cause?.code === 'string' ? cause.code : '';
}

/**
 * Aborts with a TimeoutError at `ms`, as AbortSignal.timeout does, but cleared once the exchange
 * is over. AbortSignal.timeout cannot be cleared: the timer of each fetch whose signal was still
 * alive fired at its deadline, long after the answer, and built a DOMException for a signal
 * nobody listened to any more (`npm run bench:profile`: about 2% of the gateway's busy time
 * on the signed-in `Cart` read, whose slower answers keep their signals alive).
 */
function deadline(ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

function waitFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }, { once: true });
  });
}

function takePaymentMark(headers: unknown): boolean {
  if (!headers || typeof headers !== 'object' || !(PAYMENT_DEADLINE_MARK in headers)) return false;
  delete (headers as Record<string, unknown>)[PAYMENT_DEADLINE_MARK];
  return true;
}
