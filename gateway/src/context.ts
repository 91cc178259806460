import type { InternalContextSigner, Logger, Session, SessionChange } from '@shopgraph/shared';
import type { CartMergeResult } from './session/cart-hand-over.js';
import type { SessionTransport } from './session/resolve-session.js';

/** The gateway's request context, built once per request from the verified session. */
export interface GatewayContext {
  requestId: string;
  session: Session;
  transport: SessionTransport;
  logger: Logger;
  clientIp?: string;
  userAgent?: string;
  /** The client's Idempotency-Key, passed on to every subgraph fetch of this request. */
  idempotencyKey?: string;
  /** The signed internal context for fetches to `subgraph`; signed once per subgraph, on its first fetch. */
  internalContext: (subgraph: string) => Promise<string>;
  /** Session changes identity reported while this request ran, applied before the response. */
  sessionChanges: SessionChange[];
  /** Set when a subgraph reported that this request gave the anonymous session its first state. */
  sessionHoldsState: boolean;
  /** What this request's sign-in did with the guest cart, for the payload's cartMerge. */
  cartMerge?: CartMergeResult;
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
  const signed = new Map<string, Promise<string>>();
  return {
    ...fields,
    sessionChanges: [],
    sessionHoldsState: false,
    internalContext: (subgraph) => {
      let context = signed.get(subgraph);
      if (!context) {
        context = signer.sign(
          {
            session: fields.session,
            ...(fields.clientIp ? { clientIp: fields.clientIp } : {}),
            ...(fields.userAgent ? { userAgent: fields.userAgent } : {}),
          },
          subgraph,
        );
        signed.set(subgraph, context);
      }
      return context;
    },
  };
}
