import type { RequestContextBuilder, RequestContextDeps } from '@shopgraph/gateway';
import { SESSION_COOKIE_NAME, toSession, type Session } from '@shopgraph/shared';
import type { Request } from 'express';

const RESIGN_AFTER_MS = 30_000;

/**
 * The gateway's request context with session verification left out, for the benchmarks only.
 * A request runs as one fixed anonymous session with a context signed at start-up; with
 * `perToken`, a token is instead decrypted the first time it is seen and its signed context
 * kept (signed again every 30 s, before it expires), so signed-in workloads still read their own carts. Either way
 * no per-request decryption, revocation check, refresh or signing remains. gateway-entry.ts
 * serves the gateway's own parts (`createGatewayParts`) with this in place of `createRequestContext`.
 */
export function sessionsOff({ perToken }: { perToken: boolean }): (deps: RequestContextDeps) => RequestContextBuilder {
  return (deps) => {
    const anonymous: Session = { sessionId: 'benchbenchbenchbenchbe' };
    // Each subgraph accepts only a context signed for it: one signature per session and
    // subgraph, signed again once half its 60-second life has passed, as the gateway's own cache does.
    const signedFor = (session: Session) => {
      const bySubgraph = new Map<string, { signed: Promise<string>; at: number }>();
      return (subgraph: string) => {
        let entry = bySubgraph.get(subgraph);
        if (!entry || Date.now() - entry.at > RESIGN_AFTER_MS) {
          entry = { signed: deps.signer.sign({ session, requestId: 'bench' }, subgraph), at: Date.now() };
          bySubgraph.set(subgraph, entry);
        }
        return entry.signed;
      };
    };
    const fixed = signedFor(anonymous);
    const known = new Map<string, Promise<{ session: Session; signed: (subgraph: string) => Promise<string> }>>();
    const cookieToken = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE_NAME}=([^;]+)`);
    const contextFor = (session: Session, signed: (subgraph: string) => Promise<string>) => ({
      requestId: 'bench',
      session,
      transport: 'cookie' as const,
      logger: deps.logger,
      sessionChanges: [],
      sessionHoldsState: false,
      setSessionCookie: () => undefined,
      handsOutSession: () => false,
      internalContext: signed,
    });
    return async ({ req }: { req: Request }) => {
      const token = perToken ? (/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? cookieToken.exec(req.headers.cookie ?? '')?.[1]) : undefined;
      if (!token) return contextFor(anonymous, fixed);
      let entry = known.get(token);
      if (!entry) {
        entry = deps.codec.decode(token).then((decoded) => {
          const session = decoded.ok ? toSession(decoded.claims) : anonymous;
          return { session, signed: signedFor(session) };
        });
        known.set(token, entry);
      }
      const { session, signed } = await entry;
      return contextFor(session, signed);
    };
  };
}
