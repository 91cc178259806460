import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  /** The proxy's URL, with the target's path. */
  url: string;
  /** Requests forwarded since the last reset. */
  count(): number;
  /** The headers of each request forwarded since the last reset. */
  headers(): IncomingHttpHeaders[];
  reset(): void;
  /** Points the proxy at another upstream (for wiring a stack that is started after the proxy). */
  retarget(target: string): void;
  close(): Promise<void>;
}

/**
 * A pass-through HTTP proxy on loopback that counts and records what it forwards: how tests see
 * how often one service asks another, and with which headers.
 */
export async function startCountingProxy(target: string, path = new URL(target).pathname): Promise<CountingProxy> {
  let upstream = new URL(target);
  let seen: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.headers);
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    count: () => seen.length,
    headers: () => seen,
    reset: () => (seen = []),
    retarget: (next) => (upstream = new URL(next)),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
