import { createServiceServer, type ReadinessCheck, type ServiceServer, type ServiceServerOptions } from '@shopgraph/shared/server';
import type { Express } from 'express';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogSink } from './support/log-sink.js';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One GET; `agent: false` means a connection of its own. */
function get(url: string, agent: Agent | false = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function json(reply: Reply): unknown {
  return JSON.parse(reply.body);
}

/** Resolves with the error of a TCP connection attempt, or undefined when it connects. */
function connectError(port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (error) => resolve(error));
  });
}

/** Rejects when `promise` has not settled within `ms`: the bound on "does not hang". */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const check = (name: string, critical: boolean, probe: () => Promise<void>): ReadinessCheck => ({ name, critical, probe });
const passes = () => Promise.resolve();
const fails = () => Promise.reject(new Error('connection refused'));

describe('service server', () => {
  const started: ServiceServer[] = [];

  async function startServer(overrides: Partial<ServiceServerOptions> = {}) {
    const logs = createLogSink('service-server-test');
    const server = createServiceServer({
      logger: logs.logger,
      port: 0,
      host: '127.0.0.1',
      keepAliveTimeoutMs: 65_000,
      shutdownTimeoutMs: 5_000,
      readinessChecks: [],
      mount: async () => undefined,
      ...overrides,
    });
    started.push(server);
    const { url, port } = await server.start();
    return { server, url, port, logs };
  }

  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.stop()));
  });

  describe('GET /health', () => {
    it('when the server runs, then /health answers 200 {status: ok} without advertising Express', async () => {
      const { url } = await startServer();
      const reply = await get(`${url}/health`);
      expect(reply.status).toBe(200);
      expect(json(reply)).toEqual({ status: 'ok' });
      expect(reply.headers['x-powered-by']).toBeUndefined();
    });

    it('when a readiness check is failing, then /health still answers 200 (liveness is not readiness)', async () => {
      const { url } = await startServer({ readinessChecks: [check('dynamodb', true, fails)] });
      expect((await get(`${url}/health`)).status).toBe(200);
    });

    it('when started on port 0, then the URL names the picked port on loopback', async () => {
      const { url, port } = await startServer();
      expect(port).toBeGreaterThan(0);
      expect(url).toBe(`http://127.0.0.1:${port}`);
    });

    it('when started on 0.0.0.0, then the URL it returns is still one a local client can call', async () => {
      const { url } = await startServer({ host: '0.0.0.0' });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await get(`${url}/health`)).status).toBe(200);
    });
  });

  describe('GET /ready', () => {
    it('when every check passes, then it answers 200 and lists each as ok', async () => {
      const { url } = await startServer({ readinessChecks: [check('dynamodb', true, passes), check('redis', false, passes)] });
      const reply = await get(`${url}/ready`);
      expect(reply.status).toBe(200);
      expect(json(reply)).toEqual({ status: 'ready', checks: { dynamodb: 'ok', redis: 'ok' } });
    });

    it('when there are no checks, then it answers 200', async () => {
      const { url } = await startServer();
      const reply = await get(`${url}/ready`);
      expect(reply.status).toBe(200);
      expect(json(reply)).toEqual({ status: 'ready', checks: {} });
    });

    it('when a critical check fails, then it answers 503 naming that check as failing', async () => {
      const { url } = await startServer({ readinessChecks: [check('dynamodb:cart', true, fails), check('redis', false, passes)] });
      const reply = await get(`${url}/ready`);
      expect(reply.status).toBe(503);
      expect(json(reply)).toEqual({ status: 'unavailable', checks: { 'dynamodb:cart': 'failing', redis: 'ok' } });
    });

    it('when a critical probe throws synchronously inside its async body, then it counts as failing', async () => {
      const { url } = await startServer({
        readinessChecks: [
          check('broken', true, async () => {
            throw new TypeError('boom');
          }),
        ],
      });
      expect((await get(`${url}/ready`)).status).toBe(503);
    });

    it('when only a non-critical check fails, then it answers 200 and still reports that check as failing', async () => {
      const { url } = await startServer({ readinessChecks: [check('dynamodb', true, passes), check('redis', false, fails)] });
      const reply = await get(`${url}/ready`);
      expect(reply.status).toBe(200);
      expect(json(reply)).toEqual({ status: 'ready', checks: { dynamodb: 'ok', redis: 'failing' } });
    });

    it('when a critical probe never settles, then /ready answers 503 instead of hanging', async () => {
      const { url } = await startServer({
        readinessChecks: [check('stuck', true, () => new Promise<void>(() => undefined)), check('dynamodb', true, passes)],
      });
      const reply = await within(get(`${url}/ready`), 5_000, 'GET /ready');
      expect(reply.status).toBe(503);
      expect(json(reply)).toEqual({ status: 'unavailable', checks: { stuck: 'failing', dynamodb: 'ok' } });
    });

    it('when probes run, then each request probes afresh (no cached verdict)', async () => {
      let healthy = true;
      const { url } = await startServer({ readinessChecks: [check('flappy', true, () => (healthy ? passes() : fails()))] });
      expect((await get(`${url}/ready`)).status).toBe(200);
      healthy = false;
      expect((await get(`${url}/ready`)).status).toBe(503);
    });
  });

  describe('keep-alive', () => {
    it('when configured with 65 s, then responses advertise a 65 s keep-alive', async () => {
      const { url } = await startServer({ keepAliveTimeoutMs: 65_000 });
      const agent = new Agent({ keepAlive: true });
      try {
        const reply = await get(`${url}/health`, agent);
        expect(reply.headers.connection).toBe('keep-alive');
        expect(reply.headers['keep-alive']).toBe('timeout=65');
      } finally {
        agent.destroy();
      }
    });

    it('when configured with 1 s, then an idle connection serves a second request and is closed by the server soon after', async () => {
      const { port } = await startServer({ keepAliveTimeoutMs: 1_000 });
      const socket = connect(port, '127.0.0.1');
      try {
        const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
        const first = await exchange(socket, '/health');
        expect(first).toMatch(/^HTTP\/1\.1 200 /);
        expect(first).toMatch(/\r\nKeep-Alive: timeout=1\r\n/i);
        const second = await exchange(socket, '/health');
        expect(second).toMatch(/^HTTP\/1\.1 200 /);
        // Node closes at the timeout plus a second of grace; its default (5 s) would overrun this bound.
        await within(closed, 4_500, 'server closing the idle connection');
      } finally {
        socket.destroy();
      }
    });
  });

  describe('stop', () => {
    it('when a slow request is in flight, then it completes, new connections are refused, and onStop runs after it', async () => {
      const events: string[] = [];
      const arrived = deferred();
      const { server, url, port, logs } = await startServer({
        shutdownTimeoutMs: 15_000,
        async mount(app: Express) {
          app.get('/slow', (_req, res) => {
            arrived.resolve();
            setTimeout(() => {
              res.json({ done: true });
              events.push('responded');
            }, 300);
          });
        },
        async onStop() {
          events.push('onStop');
        },
      });
      // Keep-alive, as every load balancer and the gateway use: the connection must not hold the stop open.
      const agent = new Agent({ keepAlive: true });
      try {
        const slow = get(`${url}/slow`, agent);
        await arrived.promise;
        const stopped = server.stop();
        expect(await connectError(port)).toMatchObject({ code: 'ECONNREFUSED' });

        const reply = await slow;
        expect(reply.status).toBe(200);
        expect(json(reply)).toEqual({ done: true });
        expect(reply.headers.connection).toBe('close');

        // Well inside the 15 s budget: the stop ends when the request does, not when the budget runs out.
        await within(stopped, 5_000, 'stop()');
        expect(events).toEqual(['responded', 'onStop']);
        expect(logs.text()).not.toContain('did not finish in time');
        expect(logs.entries().some((entry) => entry['msg'] === 'stopped')).toBe(true);
      } finally {
        agent.destroy();
      }
    });

    it('when idle keep-alive connections are open, then stop closes them and resolves promptly', async () => {
      const { server, url } = await startServer({ shutdownTimeoutMs: 15_000 });
      const agent = new Agent({ keepAlive: true });
      try {
        expect((await get(`${url}/health`, agent)).status).toBe(200);
        await within(server.stop(), 5_000, 'stop()');
      } finally {
        agent.destroy();
      }
    });

    it('when a request never answers, then stop still resolves after the shutdown budget and cuts that connection', async () => {
      const arrived = deferred();
      let stoppedClients = 0;
      const { server, url, logs } = await startServer({
        shutdownTimeoutMs: 200,
        async mount(app: Express) {
          app.get('/hang', () => {
            arrived.resolve();
          });
        },
        async onStop() {
          stoppedClients++;
        },
      });
      const hanging = get(`${url}/hang`);
      await arrived.promise;
      await within(server.stop(), 3_000, 'stop()');
      await expect(hanging).rejects.toThrow(/socket hang up|ECONNRESET/);
      expect(stoppedClients).toBe(1);
      expect(logs.text()).toContain('did not finish in time');
    });

    it('when stop is called twice, then both calls share one promise and onStop runs once', async () => {
      let stops = 0;
      const { server } = await startServer({
        async onStop() {
          stops++;
        },
      });
      const first = server.stop();
      const second = server.stop();
      expect(second).toBe(first);
      await first;
      expect(server.stop()).toBe(first);
      await server.stop();
      expect(stops).toBe(1);
    });

    it('when stop is called before start, then it resolves and still closes the clients', async () => {
      let stops = 0;
      const server = createServiceServer({
        logger: createLogSink().logger,
        port: 0,
        host: '127.0.0.1',
        keepAliveTimeoutMs: 65_000,
        shutdownTimeoutMs: 200,
        readinessChecks: [],
        mount: async () => undefined,
        async onStop() {
          stops++;
        },
      });
      await within(server.stop(), 3_000, 'stop()');
      expect(stops).toBe(1);
    });
  });

  describe('start', () => {
    it('when the port is taken, then start rejects with EADDRINUSE', async () => {
      const { port } = await startServer();
      const second = createServiceServer({
        logger: createLogSink().logger,
        port,
        host: '127.0.0.1',
        keepAliveTimeoutMs: 65_000,
        shutdownTimeoutMs: 200,
        readinessChecks: [],
        mount: async () => undefined,
      });
      await expect(second.start()).rejects.toMatchObject({ code: 'EADDRINUSE' });
      await second.stop();
    });

    it('when mount adds routes, then they are served next to /health', async () => {
      const { url } = await startServer({
        async mount(app: Express) {
          app.get('/graphql', (_req, res) => {
            res.json({ data: { hello: 'world' } });
          });
        },
      });
      expect(json(await get(`${url}/graphql`))).toEqual({ data: { hello: 'world' } });
    });
  });
});

/** Sends one GET on a raw socket and resolves with the full response text (headers and body). */
function exchange(socket: Socket, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const headerEnd = received.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(received)?.[1] ?? 0);
      if (received.length >= headerEnd + 4 + length) {
        socket.off('data', onData);
        socket.off('error', reject);
        resolve(received);
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  });
}
