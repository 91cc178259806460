import { createGatewayServer, loadGatewayConfig } from '@shopgraph/gateway';
import { runService } from '@shopgraph/shared/server';
import { sessionsOff } from './sessions-off.js';

/**
 * A gateway process for the benchmarks. BENCH_SESSIONS=off replaces session handling with a
 * fixed anonymous session and one context signed at start-up (npm run bench:session);
 * BENCH_SESSIONS=off-per-token remembers each token's context after its first use instead
 * (npm run bench, whose signed-in workloads need their own carts). See sessions-off.ts.
 */
const mode = process.env['BENCH_SESSIONS'];
await runService({
  service: 'gateway',
  loadConfig: () => loadGatewayConfig(process.env),
  createServer: (config, logger) =>
    createGatewayServer({
      config,
      logger,
      ...(mode === 'off' || mode === 'off-per-token' ? { requestContextFactory: sessionsOff({ perToken: mode === 'off-per-token' }) } : {}),
    }),
});
