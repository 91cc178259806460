import { createGatewayParts, createGatewayServer, loadGatewayConfig, mountGateway } from '@shopgraph/gateway';
import { runService } from '@shopgraph/shared/server';
import { sessionsOff } from './sessions-off.js';

/**
 * A gateway process for the benchmarks. BENCH_SESSIONS=off replaces session handling with a
 * fixed anonymous session and one context signed at start-up (npm run bench:session);
 * BENCH_SESSIONS=off-per-token remembers each token's context after its first use instead
 * (npm run bench, whose signed-in workloads need their own carts). See sessions-off.ts.
 * Off, it serves the production gateway's own parts with only the request context swapped,
 * so the difference measured is session handling and nothing else.
 */
const mode = process.env['BENCH_SESSIONS'];
await runService({
  service: 'gateway',
  loadConfig: () => loadGatewayConfig(process.env),
  createServer: async (config, logger) => {
    if (mode !== 'off' && mode !== 'off-per-token') return createGatewayServer({ config, logger });
    const parts = await createGatewayParts({ config, logger });
    return mountGateway(parts, sessionsOff({ perToken: mode === 'off-per-token' })(parts.requestContextDeps));
  },
});
