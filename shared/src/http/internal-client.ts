import { HEADER_REQUEST_ID } from '../headers.js';
import { traceHeaders } from '../telemetry/context-propagation.js';
import { inClientSpan } from '../telemetry/in-span.js';
import { activeTelemetry } from '../telemetry/telemetry-context.js';

/** Why a call to another shopgraph service failed. */
export type InternalCallFailure =
  /** No answer in time, connection refused or reset: the service may be down or slow. */
  | 'unreachable'
  /** An HTTP status other than 2xx. */
  | 'status'
  /** A 2xx answer that is not the JSON (or GraphQL data) the caller expects. */
  | 'malformed';

/**
 * A call to another service failed. The message names the service and what went wrong, never
 * a header or body (they may carry signed contexts).
 */
export class InternalCallError extends Error {
  constructor(
    readonly service: string,
    readonly failure: InternalCallFailure,
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(`${service}: ${message}`, options);
    this.name = 'InternalCallError';
  }
}

export interface InternalCallOptions {
  /** Propagated as `x-request-id`, so every service logs one id for one client request (the trace travels in `traceparent`). */
  requestId?: string;
  /** Extra headers, e.g. a signed internal context. */
  headers?: Record<string, string>;
  /** Overrides the client's default timeout for this call. */
  timeoutMs?: number;
}

/** The one way shopgraph services call each other over HTTP: JSON in, JSON out, bounded in time. */
export interface InternalClient {
  /** POSTs `body` as JSON to `url` and returns the parsed answer; throws InternalCallError. */
  postJson<T>(url: string, body: unknown, options?: InternalCallOptions): Promise<T>;
  /**
   * Runs a GraphQL operation against a subgraph and returns its `data`; an answer with
   * `errors` or without data throws InternalCallError ('malformed'), naming the first error.
   */
  graphql<T>(url: string, query: string, variables: Record<string, unknown>, options?: InternalCallOptions): Promise<T>;
  /**
   * Resolves entities through a subgraph's federation entry point (`_entities`), as the gateway
   * does: `selection` of each `typename` with one of `ids`. Returns those that exist.
   */
  entities<T>(url: string, lookup: EntityLookup, options?: InternalCallOptions): Promise<T[]>;
}

export interface EntityLookup {
  /** Names the operation in the other service's logs, e.g. CartVariantPrices. */
  operationName: string;
  typename: string;
  /** The fields to read, e.g. `id price { amount currencyCode }`. */
  selection: string;
  ids: readonly string[];
}

export interface InternalClientOptions {
  /** The service called, for error messages and logs ("catalog", "identity"). */
  service: string;
  /** Default per-call budget; a hung service costs the caller at most this long. */
  timeoutMs: number;
}

export function createInternalClient({ service, timeoutMs }: InternalClientOptions): InternalClient {
  function postJson<T>(url: string, body: unknown, options: InternalCallOptions = {}): Promise<T> {
    // A span under the calling service, when the call belongs to one of its requests.
    const telemetry = activeTelemetry();
    if (!telemetry) return send<T>(url, body, options);
    const attributes = { 'peer.service': service, 'url.path': new URL(url).pathname };
    return inClientSpan(telemetry.tracer, `call ${service}`, attributes, () => send<T>(url, body, options));
  }

  async function send<T>(url: string, body: unknown, options: InternalCallOptions): Promise<T> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...traceHeaders(),
          ...(options.requestId ? { [HEADER_REQUEST_ID]: options.requestId } : {}),
          ...options.headers,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? timeoutMs),
      });
    } catch (error) {
      throw new InternalCallError(service, 'unreachable', `did not answer (${(error as Error).name})`, undefined, { cause: error });
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new InternalCallError(service, 'status', `answered HTTP ${response.status}`, response.status);
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new InternalCallError(service, 'malformed', 'answered something that is not JSON', response.status, { cause: error });
    }
  }

  async function graphql<T>(url: string, query: string, variables: Record<string, unknown>, options: InternalCallOptions = {}): Promise<T> {
    // A subgraph answers GraphQL errors with 200 or 4xx; both are read as a refusal.
    let answer: { data?: T | null; errors?: { message?: string }[] };
    try {
      answer = await postJson(url, { query, variables }, options);
    } catch (error) {
      if (error instanceof InternalCallError && error.failure === 'status' && error.status !== undefined && error.status < 500) {
        throw new InternalCallError(service, 'malformed', `refused the operation (HTTP ${error.status})`, error.status, { cause: error });
      }
      throw error;
    }
    if (answer.errors?.length || !answer.data) {
      throw new InternalCallError(service, 'malformed', `refused the operation: ${answer.errors?.[0]?.message ?? 'no data'}`);
    }
    return answer.data;
  }

  return {
    postJson,
    graphql,
    async entities<T>(url: string, { operationName, typename, selection, ids }: EntityLookup, options: InternalCallOptions = {}) {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return [];
      const query = `query ${operationName}($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${selection} } } }`;
      const data = await graphql<{ _entities?: (T | null)[] }>(url, query, { representations: unique.map((id) => ({ __typename: typename, id })) }, options);
      if (!Array.isArray(data._entities)) throw new InternalCallError(service, 'malformed', 'answered no _entities');
      return data._entities.filter((entity): entity is T => entity !== null);
    },
  };
}
