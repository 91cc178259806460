import { createLogger, type Logger } from '../logger.js';
import { exitOnStartFailure, stopOnSignals } from './run-until-signal.js';
import type { ServiceServer } from './service-server.js';

export interface RunServiceOptions<TConfig extends { logLevel: string; http: { shutdownTimeoutMs: number } }> {
  service: string;
  /** Parses the environment; a bad value throws a ConfigError naming it. */
  loadConfig: () => Readonly<TConfig>;
  createServer: (config: Readonly<TConfig>, logger: Logger) => ServiceServer | Promise<ServiceServer>;
}

/**
 * The whole of a service's main.ts: load config, build, listen, stop gracefully on SIGTERM.
 * Any failure before listening prints one clear line and exits non-zero.
 */
export async function runService<TConfig extends { logLevel: string; http: { shutdownTimeoutMs: number } }>(
  options: RunServiceOptions<TConfig>,
): Promise<void> {
  try {
    const config = options.loadConfig();
    const logger = createLogger({ service: options.service, level: config.logLevel });
    const server = await options.createServer(config, logger);
    const { url } = await server.start();
    logger.info({ url: `${url}/graphql` }, `${options.service} ready`);
    stopOnSignals(() => server.stop(), logger, config.http.shutdownTimeoutMs);
  } catch (error) {
    exitOnStartFailure(error, options.service);
  }
}
