import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { decodeSessionChange, HEADER_INTERNAL_CONTEXT, HEADER_REQUEST_ID, HEADER_SESSION_CHANGE, HEADER_SESSION_HOLDS_STATE } from '@shopgraph/shared';
import type { GatewayContext } from '../context.js';

/**
 * Sends each subgraph fetch with the gateway-signed session context. Subgraphs trust nothing
 * else: no client header is forwarded, so a forged context header from a client never
 * reaches them. From identity alone, it takes back the session change an operation made.
 */
export class SignedContextDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly acceptsSessionChanges: boolean;
  /** The subgraph's name: the audience its contexts are signed for. */
  private readonly subgraph: string;

  constructor(options: { url: string; subgraph: string; acceptsSessionChanges: boolean }) {
    super({ url: options.url });
    this.subgraph = options.subgraph;
    this.acceptsSessionChanges = options.acceptsSessionChanges;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Requests the gateway makes for itself (health checks) carry no request context.
    const { internalContext, requestId } = context as Partial<GatewayContext>;
    if (!internalContext || !requestId) return;
    // The gateway's request typings reach a Headers type through two copies of
    // @apollo/utils.fetcher and lose it; `set` is all that is needed here.
    const headers = request.http?.headers as { set(name: string, value: string): void } | undefined;
    headers?.set(HEADER_INTERNAL_CONTEXT, await internalContext(this.subgraph));
    headers?.set(HEADER_REQUEST_ID, requestId);
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
