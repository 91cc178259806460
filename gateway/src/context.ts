import type { InternalContextSigner, Logger, Session, SessionChange } from '@shopgraph/shared';
import type { SessionTransport } from './session/token-policy.js';

/** The gateway's request context, built once per request; its session once the operation is known. */
export interface GatewayContext {
  requestId: string;
  /**
   * The verified (or newly minted) session. Absent until `establishSession` ran, and after it
   * for a public read, which runs with no session at all: see TokenPolicy.publicReadNeedsNoSession.
   */
  session?: Session;
  transport: SessionTransport;
  /**
   * Finds or mints the request's session, once, when the operation is known and before any
   * subgraph fetch is signed; `publicRead` lets it skip that for an operation whose every
   * field is publicly cacheable. Call it through the request lifecycle (request-lifecycle-plugin.ts),
   * which sets `session` on the context Apollo passes along (a copy of the one built here).
   * Absent from contexts built with their session already set.
   */
  establishSession?: (publicRead: boolean) => Promise<EstablishedSession | undefined>;
  logger: Logger;
  clientIp?: string;
  userAgent?: string;
  /** The client's Idempotency-Key, passed on to every subgraph fetch of this request. */
  idempotencyKey?: string;
  /**
   * The signed internal context for fetches to `subgraph`; signed once per subgraph, on its
   * first fetch. Undefined for a request without a session: its fetches carry no context.
   */
  internalContext: (subgraph: string) => Promise<string | undefined>;
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

export interface EstablishedSession {
  session: Session;
  transport: SessionTransport;
}

/** `sessionOf` gives the session once it is established (the context itself is copied by Apollo). */
export function createGatewayContext(
  fields: Omit<GatewayContext, 'internalContext' | 'sessionChanges' | 'sessionHoldsState'>,
  signer: InternalContextSigner,
  sessionOf: () => Session | undefined = () => fields.session,
): GatewayContext {
  const signed = new Map<string, Promise<string>>();
  return {
    ...fields,
    sessionChanges: [],
    sessionHoldsState: false,
    internalContext: async (subgraph) => {
      const session = sessionOf();
      if (!session) return undefined;
      let signedContext = signed.get(subgraph);
      if (!signedContext) {
        signedContext = signer.sign(
          {
            session,
            ...(fields.clientIp ? { clientIp: fields.clientIp } : {}),
            ...(fields.userAgent ? { userAgent: fields.userAgent } : {}),
          },
          subgraph,
        );
        signed.set(subgraph, signedContext);
      }
      return signedContext;
    },
  };
}
