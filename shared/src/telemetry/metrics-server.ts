import type { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MetricsServer {
  /** Listens, then resolves with the URL of `/metrics`. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * `GET /metrics` as Prometheus text, on a port of its own: the load balancer routes only the
 * service port, so metrics cannot be reached from the internet whatever its rules say.
 */
export function createMetricsServer({ exporter, host, port }: { exporter: PrometheusExporter; host: string; port: number }): MetricsServer {
  let server: Server | undefined;
  return {
    async start() {
      const listening = createServer((req, res) => {
        if (req.method === 'GET' && (req.url ?? '').split('?', 1)[0] === '/metrics') return exporter.getMetricsRequestHandler(req, res);
        res.statusCode = 404;
        res.end();
      });
      server = listening;
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, host, () => {
          listening.off('error', reject);
          resolve();
        });
      });
      const address = listening.address() as AddressInfo;
      const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      return `http://${shown.includes(':') ? `[${shown}]` : shown}:${address.port}/metrics`;
    },
    async stop() {
      const closing = server;
      server = undefined;
      if (!closing) return;
      closing.closeAllConnections();
      await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
  };
}
