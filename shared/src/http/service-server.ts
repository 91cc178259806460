import express, { type Express } from 'express';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import { traceRequests } from '../telemetry/http-server-tracing.js';
import { createMetricsServer, type MetricsServer } from '../telemetry/metrics-server.js';
import type { Telemetry } from '../telemetry/telemetry.js';

/** A dependency probe for GET /ready. Non-critical ones are reported but never fail readiness. */
export interface ReadinessCheck {
  name: string;
  critical: boolean;
  probe: () => Promise<void>;
}

export interface ServiceServerOptions {
  logger: Logger;
  port: number;
  host: string;
  /** Above the load balancer's idle timeout, so the balancer closes idle connections first. */
  keepAliveTimeoutMs: number;
  /** How long in-flight requests may take to finish after a stop begins. */
  shutdownTimeoutMs: number;
  readinessChecks: ReadinessCheck[];
  /** Adds the service's own routes (/graphql) to the app. Runs once, before listening. */
  mount: (app: Express) => Promise<void>;
  /** Closes the service's clients once no request is in flight. */
  onStop?: () => Promise<void>;
  /** Traces every request and serves the metrics listener, if configured; flushed and shut down last on stop. */
  telemetry?: Telemetry;
}

export interface ServiceServer {
  /** Listens, then resolves with the URL (and the metrics listener's, when configured). Port 0 picks a free port. */
  start(): Promise<{ url: string; port: number; metricsUrl?: string }>;
  /** Stops accepting, lets in-flight requests finish (bounded), closes clients. Idempotent. */
  stop(): Promise<void>;
}

const PROBE_TIMEOUT_MS = 2_000;

/**
 * The HTTP shell every shopgraph service shares: /health and /ready, keep-alive tuned for a
 * load balancer, and a graceful, bounded stop.
 */
export function createServiceServer(options: ServiceServerOptions): ServiceServer {
  let server: Server | undefined;
  let stopping: Promise<void> | undefined;
  // Responses not yet finished: a stop tells their keep-alive connections to close after them.
  const inFlight = new Set<ServerResponse>();
  const { telemetry } = options;
  const metricsServer = telemetry?.prometheus && telemetry.metricsListener
    ? createMetricsServer({ exporter: telemetry.prometheus, ...telemetry.metricsListener })
    : undefined;

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', (_req, res) => {
    void readiness(options.readinessChecks, stopping !== undefined).then(({ ready, checks }) => {
      res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks });
    });
  });

  return {
    async start() {
      await options.mount(app);
      const handle = (req: IncomingMessage, res: ServerResponse) => void app(req, res);
      const handler = telemetry ? traceRequests(telemetry, handle) : handle;
      server = createServer((req, res) => {
        if (stopping) closeConnectionAfter(res);
        inFlight.add(res);
        res.once('close', () => inFlight.delete(res));
        handler(req, res);
      });
      server.keepAliveTimeout = options.keepAliveTimeoutMs;
      // Must exceed keepAliveTimeout, or Node may drop a socket while a request's headers arrive.
      server.headersTimeout = options.keepAliveTimeoutMs + 1_000;
      const listening = server;
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(options.port, options.host, () => {
          listening.off('error', reject);
          resolve();
        });
      });
      const { port } = listening.address() as AddressInfo;
      const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
      const metricsUrl = await metricsServer?.start();
      return { url: `http://${host}:${port}`, port, ...(metricsUrl ? { metricsUrl } : {}) };
    },

    stop() {
      stopping ??= gracefulStop(server, options, inFlight, metricsServer);
      return stopping;
    },
  };
}

async function gracefulStop(
  server: Server | undefined,
  options: ServiceServerOptions,
  inFlight: ReadonlySet<ServerResponse>,
  metricsServer: MetricsServer | undefined,
): Promise<void> {
  const { logger, shutdownTimeoutMs } = options;
  if (server) {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Otherwise a keep-alive connection outlives its last response and holds close() open until the timer.
    for (const res of inFlight) closeConnectionAfter(res);
    // Idle keep-alive sockets would otherwise hold close() open until they time out.
    server.closeIdleConnections();
    const timer = setTimeout(() => {
      logger.warn({ shutdownTimeoutMs }, 'in-flight requests did not finish in time; closing their connections');
      server.closeAllConnections();
    }, shutdownTimeoutMs);
    timer.unref();
    await closed;
    clearTimeout(timer);
  }
  await options.onStop?.();
  // Last, so the spans and counts of the final requests are exported.
  await metricsServer?.stop();
  await options.telemetry?.shutdown();
  logger.info('stopped');
}

function closeConnectionAfter(res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('Connection', 'close');
}

async function readiness(checks: ReadinessCheck[], stopping: boolean) {
  if (stopping) return { ready: false, checks: { server: 'stopping' } };
  const results = await Promise.all(
    checks.map(async (check) => {
      try {
        await withTimeout(check.probe(), PROBE_TIMEOUT_MS);
        return { check, ok: true };
      } catch {
        return { check, ok: false };
      }
    }),
  );
  return {
    ready: results.every(({ check, ok }) => ok || !check.critical),
    checks: Object.fromEntries(results.map(({ check, ok }) => [check.name, ok ? 'ok' : 'failing'])),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
