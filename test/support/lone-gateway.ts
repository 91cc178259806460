import { createGatewayServer, loadGatewayConfig } from '@shopgraph/gateway';
import { createLogger, generateKeys } from '@shopgraph/shared';
import type { ServiceServer } from '@shopgraph/shared/server';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { collectLogLines } from './log-lines.js';

export interface LoneGateway {
  url: string;
  server: ServiceServer;
  /** Every JSON log line the gateway wrote. */
  logLines: () => Record<string, unknown>[];
  stop: () => Promise<void>;
}

/**
 * The gateway alone, every subgraph URL pointing at `subgraphUrl` (a stand-in), over the real
 * Redis: for what the gateway decides before, or instead of, calling a subgraph. Trusted
 * documents are in `allow` mode unless `env` says otherwise.
 */
/** The gateway's environment with every subgraph at `subgraphUrl`, fresh keys, its own Redis prefix, any free port. */
export async function loneGatewayEnv(subgraphUrl: string): Promise<Record<string, string>> {
  const keys = await generateKeys('lone-gateway');
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    REDIS_URL: inject('redisUrl'),
    REDIS_KEY_PREFIX: `test:lone:${randomBytes(4).toString('hex')}:`,
    SESSION_KEYS: JSON.stringify(keys.sessionKeys),
    INTERNAL_CONTEXT_PRIVATE_KEY: JSON.stringify(keys.internalContextPrivateKey),
    SUBGRAPH_URL_CATALOG: subgraphUrl,
    SUBGRAPH_URL_CART: subgraphUrl,
    SUBGRAPH_URL_CHECKOUT: subgraphUrl,
    SUBGRAPH_URL_IDENTITY: subgraphUrl,
    TRUSTED_DOCUMENTS: 'allow',
  };
}

export async function startLoneGateway(subgraphUrl: string, env: Record<string, string> = {}): Promise<LoneGateway> {
  const lines: Record<string, unknown>[] = [];
  const server = await createGatewayServer({
    config: loadGatewayConfig({ NODE_ENV: 'test', SHUTDOWN_TIMEOUT_MS: '2000', ...(await loneGatewayEnv(subgraphUrl)), ...env }),
    logger: createLogger({ service: 'gateway', level: 'info', destination: collectLogLines(lines) }),
  });
  const { url } = await server.start();
  return { url: `${url}/graphql`, server, logLines: () => lines, stop: () => server.stop() };
}
