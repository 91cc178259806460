import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { decodeSessionChange, HEADER_INTERNAL_CONTEXT, HEADER_REQUEST_ID, HEADER_SESSION_CHANGE } from '@shopgraph/shared';
import type { GatewayContext } from '../context.js';

/**
 * Sends each subgraph fetch with the gateway-signed session context. Subgraphs trust nothing
 * else: no client header is forwarded, so a forged context header from a client never
 * reaches them. From identity alone, it takes back the session change an operation made.
 */
export class SignedContextDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly acceptsSessionChanges: boolean;

  constructor(options: { url: string; acceptsSessionChanges: boolean }) {
    super({ url: options.url });
    this.acceptsSessionChanges = options.acceptsSessionChanges;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Requests the gateway makes for itself (health checks) carry no request context.
    const { internalContext, requestId } = context as Partial<GatewayContext>;
    if (!internalContext || !requestId) return;
    // The gateway's request typings reach a Headers type through two copies of
    // @apollo/utils.fetcher and lose it; `set` is all that is needed here.
    const headers = request.http?.headers as { set(name: string, value: string): void } | undefined;
    headers?.set(HEADER_INTERNAL_CONTEXT, await internalContext());
    headers?.set(HEADER_REQUEST_ID, requestId);
  }

  override didReceiveResponse: RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse'] = ({ response, context }) => {
    const { sessionChanges } = context as Partial<GatewayContext>;
    if (this.acceptsSessionChanges && sessionChanges) {
      const headers = response.http?.headers as { get(name: string): string | null } | undefined;
      const change = decodeSessionChange(headers?.get(HEADER_SESSION_CHANGE));
      if (change) sessionChanges.push(change);
    }
    return response;
  };
}
