import { createGatewayServer, loadGatewayConfig, type RequestContextDeps } from '@shopgraph/gateway';
import type { Session } from '@shopgraph/shared';
import { runService } from '@shopgraph/shared/server';

/**
 * A gateway process for the session benchmark. BENCH_SESSIONS=off replaces session handling
 * with a fixed anonymous session and one context signed at start-up: the same gateway, minus
 * token decryption, the revocation check and per-request signing.
 */
function withoutSessions(deps: RequestContextDeps) {
  const session: Session = { sessionId: 'benchbenchbenchbenchbe' };
  const signed = new Map<string, Promise<string>>();
  return async () => ({
    requestId: 'bench',
    session,
    transport: 'cookie' as const,
    logger: deps.logger,
    sessionChanges: [],
    sessionHoldsState: false,
    setSessionCookie: () => undefined,
    sessionCookieSet: () => false,
    internalContext: (subgraph: string) => {
      if (!signed.has(subgraph)) signed.set(subgraph, deps.signer.sign({ session, requestId: 'bench' }, subgraph));
      return signed.get(subgraph)!;
    },
  });
}

await runService({
  service: 'gateway',
  loadConfig: () => loadGatewayConfig(process.env),
  createServer: (config, logger) =>
    createGatewayServer({
      config,
      logger,
      ...(process.env['BENCH_SESSIONS'] === 'off' ? { requestContextFactory: withoutSessions } : {}),
    }),
});
