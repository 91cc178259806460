import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loneGatewayEnv } from '../support/lone-gateway.js';
import { startSubgraphStandIn, type SubgraphStandIn } from '../support/subgraph-stand-in.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHUTDOWN_TIMEOUT_MS = 5_000;
const HELD = 20;
const IDLE = 10;

interface Exchange {
  status: number;
  body: string;
}

/** One POST on `agent`; rejects on a connection error, which an in-flight request must never get. */
function post(url: string, agent: Agent, query: string): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query }));
  });
}

/** The gateway's own entry point (gateway/src/main.ts) in a child process, as `npm start` and ECS run it. */
async function startGatewayProcess(subgraphUrl: string): Promise<{ child: ChildProcess; url: string; logged: (msg: string) => Promise<void> }> {
  const child = spawn(process.execPath, ['--conditions=@shopgraph/source', '--import', 'tsx', 'gateway/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...(await loneGatewayEnv(subgraphUrl)),
      // Production: Apollo Server registers signal handlers of its own there, next to the service's.
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      SUBGRAPH_TIMEOUT_MS: '30000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters: { msg: string; resolve: () => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    lines.push(entry);
    for (const waiter of waiters.filter((candidate) => candidate.msg === entry['msg'])) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const logged = (msg: string) =>
    lines.some((line) => line['msg'] === msg) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ msg, resolve }));
  await logged('gateway ready');
  const ready = lines.find((line) => line['msg'] === 'gateway ready')!;
  return { child, url: ready['url'] as string, logged };
}

describe('a graceful stop under load', () => {
  let standIn: SubgraphStandIn | undefined;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await standIn?.stop();
  });

  it('when SIGTERM arrives with requests in flight and idle keep-alive connections open, then every request completes and the process exits within SHUTDOWN_TIMEOUT_MS', async () => {
    standIn = await startSubgraphStandIn();
    const gateway = await startGatewayProcess(standIn.url);
    child = gateway.child;
    const exited = new Promise<number | null>((resolve) => gateway.child.once('exit', (code) => resolve(code)));

    // Idle keep-alive connections, as a load balancer's pool leaves them between requests.
    const idleAgent = new Agent({ keepAlive: true, maxSockets: IDLE });
    const warmUp = await Promise.all(Array.from({ length: IDLE }, () => post(gateway.url, idleAgent, '{ __typename }')));
    expect(warmUp.every((exchange) => exchange.status === 200)).toBe(true);

    // Requests in flight: each waits on the subgraph, which holds its answer until released.
    const busyAgent = new Agent({ keepAlive: true, maxSockets: HELD });
    const inFlight = Array.from({ length: HELD }, () => post(gateway.url, busyAgent, '{ categories { slug } }'));
    await standIn.whenPending(HELD);

    const signalledAt = Date.now();
    gateway.child.kill('SIGTERM');
    await gateway.logged('stopping');
    standIn.release();

    const exchanges = await Promise.all(inFlight);
    const exitCode = await exited;
    const stoppedInMs = Date.now() - signalledAt;
    idleAgent.destroy();
    busyAgent.destroy();

    expect(exchanges.map((exchange) => exchange.status)).toEqual(Array.from({ length: HELD }, () => 200));
    // Each was answered by the gateway (the stand-in's error, passed on), not cut off.
    for (const exchange of exchanges) expect(JSON.parse(exchange.body)).toHaveProperty('errors');
    expect(exitCode).toBe(0);
    expect(stoppedInMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
  });
});
