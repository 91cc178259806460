import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  codedError,
  decodeSessionChange,
  ErrorCode,
  HEADER_IDEMPOTENCY_KEY,
  HEADER_INTERNAL_CONTEXT,
  HEADER_REQUEST_ID,
  HEADER_SESSION_CHANGE,
  HEADER_SESSION_HOLDS_STATE,
} from '@shopgraph/shared';
import type { GatewayContext } from '../context.js';
import { PAYMENT_DEADLINE_MARK, type SubgraphFetcher } from './subgraph-fetcher.js';

/**
 * Sends each subgraph fetch with the gateway-signed session context. Subgraphs trust nothing
 * else: no client header but the Idempotency-Key (checked, and good only for the signed
 * session's own changes) is forwarded, so a forged context header from a client never
 * reaches them. From identity alone, it takes back the session change an operation made.
 */
export class SignedContextDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly acceptsSessionChanges: boolean;
  private readonly mutationsMayPay: boolean;
  /** The subgraph's name: the audience its contexts are signed for. */
  private readonly subgraph: string;

  constructor(options: {
    name: string;
    url: string;
    acceptsSessionChanges: boolean;
    /** Its mutations may wait on a payment provider (checkout's: placing, confirming, capturing, refunding). */
    mutationsMayPay: boolean;
    fetcher: SubgraphFetcher;
  }) {
    super({ url: options.url, fetcher: options.fetcher.fetch });
    this.subgraph = options.name;
    this.acceptsSessionChanges = options.acceptsSessionChanges;
    this.mutationsMayPay = options.mutationsMayPay;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Requests the gateway makes for itself (health checks) carry no request context.
    const { internalContext, requestId, idempotencyKey } = context as Partial<GatewayContext>;
    if (!internalContext || !requestId) return;
    // The gateway's request typings reach a Headers type through two copies of
    // @apollo/utils.fetcher and lose it; `set` is all that is needed here.
    const headers = request.http?.headers as { set(name: string, value: string): void } | undefined;
    // The query planner sends a mutation's root fields as a `mutation` operation of their own.
    if (this.mutationsMayPay && request.query?.startsWith('mutation')) headers?.set(PAYMENT_DEADLINE_MARK, '1');
    // A public read runs without a session: its fetches carry no context, so a subgraph
    // serves them only what it serves anyone.
    const signed = await internalContext(this.subgraph);
    if (signed) headers?.set(HEADER_INTERNAL_CONTEXT, signed);
    headers?.set(HEADER_REQUEST_ID, requestId);
    if (idempotencyKey) headers?.set(HEADER_IDEMPOTENCY_KEY, idempotencyKey);
  }

  /**
   * A subgraph that did not answer in time, or could not be reached, fails the fields it
   * owns with SERVICE_UNAVAILABLE (retry later), not a masked internal error: nothing is
   * wrong with the request. Any other failure (a 5xx, a body that is not JSON) goes on as is.
   */
  override didEncounterError(error: Error, _request: unknown, _response: unknown, context: unknown): never {
    if (!isUnreachable(error)) throw error;
    const cause = (error.cause as { code?: unknown } | undefined)?.code;
    (context as Partial<GatewayContext>).logger?.warn({ subgraph: this.subgraph, reason: error.name, ...(typeof cause === 'string' ? { cause } : {}) }, 'a subgraph did not answer');
    throw codedError(ErrorCode.SERVICE_UNAVAILABLE, `The ${this.subgraph} service did not answer; try again shortly.`);
  }

  override didReceiveResponse: RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse'] = ({ response, context }) => {
    const gatewayContext = context as Partial<GatewayContext>;
    const headers = response.http?.headers as { get(name: string): string | null } | undefined;
    if (this.acceptsSessionChanges && gatewayContext.sessionChanges) {
      const change = decodeSessionChange(headers?.get(HEADER_SESSION_CHANGE));
      if (change) gatewayContext.sessionChanges.push(change);
    }
    if (headers?.get(HEADER_SESSION_HOLDS_STATE) && gatewayContext.sessionChanges) gatewayContext.sessionHoldsState = true;
    return response;
  };
}

/** undici's fetch rejects with a TimeoutError at the deadline, and a TypeError("fetch failed") when no connection could be made. */
function isUnreachable(error: Error): boolean {
  return error.name === 'TimeoutError' || error.name === 'AbortError' || (error.name === 'TypeError' && error.message === 'fetch failed');
}
