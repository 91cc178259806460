import type { InternalContextSigner, Logger, Session, SessionChange } from '@shopgraph/shared';
import type { SessionTransport } from './session/resolve-session.js';

/** The gateway's request context, built once per request from the verified session. */
export interface GatewayContext {
  requestId: string;
  session: Session;
  transport: SessionTransport;
  logger: Logger;
  clientIp?: string;
  userAgent?: string;
  /** The signed internal context for subgraph fetches; signed once, on the first fetch. */
  internalContext: () => Promise<string>;
  /** Session changes identity reported while this request ran, applied before the response. */
  sessionChanges: SessionChange[];
  /** Set when a subgraph reported that this request gave the anonymous session its first state. */
  sessionHoldsState: boolean;
  /**
   * Sets the response's session cookie, replacing one set earlier in this request; undefined
   * withdraws it (a mobile client that asked for a bearer token gets no cookie).
   */
  setSessionCookie: (setCookieHeader: string | undefined) => void;
  /**
   * Whether this response hands out a session (sets the cookie, or carries a refreshed bearer
   * token): such a response must never be cached.
   */
  handsOutSession: () => boolean;
}

export function createGatewayContext(
  fields: Omit<GatewayContext, 'internalContext' | 'sessionChanges' | 'sessionHoldsState'>,
  signer: InternalContextSigner,
): GatewayContext {
  let signed: Promise<string> | undefined;
  return {
    ...fields,
    sessionChanges: [],
    sessionHoldsState: false,
    internalContext: () =>
      (signed ??= signer.sign({
        session: fields.session,
        ...(fields.clientIp ? { clientIp: fields.clientIp } : {}),
        ...(fields.userAgent ? { userAgent: fields.userAgent } : {}),
      })),
  };
}
