import type { InternalContextSigner, Logger, Session } from '@shopgraph/shared';
import type { SessionTransport } from './session/resolve-session.js';

/** The gateway's request context, built once per request from the verified session. */
export interface GatewayContext {
  requestId: string;
  session: Session;
  transport: SessionTransport;
  logger: Logger;
  /** The signed internal context for subgraph fetches; signed once, on the first fetch. */
  internalContext: () => Promise<string>;
}

export function createGatewayContext(
  fields: Omit<GatewayContext, 'internalContext'>,
  signer: InternalContextSigner,
): GatewayContext {
  let signed: Promise<string> | undefined;
  return {
    ...fields,
    internalContext: () => (signed ??= signer.sign({ session: fields.session, requestId: fields.requestId })),
  };
}
