import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { HEADER_INTERNAL_CONTEXT, HEADER_REQUEST_ID } from '@shopgraph/shared';
import type { GatewayContext } from '../context.js';

/**
 * Sends each subgraph fetch with the gateway-signed session context. Subgraphs trust nothing
 * else: no client header is forwarded, so a forged context header from a client never
 * reaches them.
 */
export class SignedContextDataSource extends RemoteGraphQLDataSource<GatewayContext> {
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
}
