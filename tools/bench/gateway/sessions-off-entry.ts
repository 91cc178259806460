import { createGatewayServer, loadGatewayConfig, type RequestContextDeps } from '@shopgraph/gateway';
import { SESSION_COOKIE_NAME, toSession, type Session } from '@shopgraph/shared';
import { runService } from '@shopgraph/shared/server';
import type { Request } from 'express';

/**
 * The shopgraph gateway with session verification left out, for `npm run bench` only (the
 * approach of tools/bench/session/gateway-entry.ts, extended to signed-in sessions). A request
 * without a token runs as one fixed anonymous session; a token is decrypted the first time it
 * is seen and its signed context kept for the process's life. No per-request decryption,
 * revocation check, refresh or signing remains: what is left is the gateway itself.
 */
function withoutSessions(deps: RequestContextDeps) {
  const anonymous: Session = { sessionId: 'benchbenchbenchbenchbe' };
  const known = new Map<string, Promise<{ session: Session; signed: Promise<string> }>>();
  const contextFor = (session: Session, signed: Promise<string>) => ({
    requestId: 'bench',
    session,
    transport: 'cookie' as const,
    logger: deps.logger,
    sessionChanges: [],
    sessionHoldsState: false,
    setSessionCookie: () => undefined,
    sessionCookieSet: () => false,
    internalContext: () => signed,
  });
  const cookieToken = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE_NAME}=([^;]+)`);
  const fixed = deps.signer.sign({ session: anonymous, requestId: 'bench' });
  return async ({ req }: { req: Request }) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? cookieToken.exec(req.headers.cookie ?? '')?.[1];
    if (!token) return contextFor(anonymous, fixed);
    let entry = known.get(token);
    if (!entry) {
      entry = deps.codec.decode(token).then((decoded) => {
        const session = decoded.ok ? toSession(decoded.claims) : anonymous;
        return { session, signed: deps.signer.sign({ session, requestId: 'bench' }) };
      });
      known.set(token, entry);
    }
    const { session, signed } = await entry;
    return contextFor(session, signed);
  };
}

await runService({
  service: 'gateway',
  loadConfig: () => loadGatewayConfig(process.env),
  createServer: (config, logger) => createGatewayServer({ config, logger, requestContextFactory: withoutSessions }),
});
