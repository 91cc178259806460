import type { ChildProcess } from 'node:child_process';
import { generateKeys } from '@shopgraph/shared';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { keyVariables } from '../../tools/keys/key-files.js';
import { createTestTables, type TestTables } from '../support/dynamo.js';
import { startEntryProcess, type EntryProcess } from '../support/entry-process.js';
import { loneGatewayEnv } from '../support/lone-gateway.js';
import { startSubgraphStandIn, type SubgraphStandIn } from '../support/subgraph-stand-in.js';

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
async function startGatewayProcess(subgraphUrl: string): Promise<EntryProcess> {
  return startEntryProcess('gateway', 'gateway/src/main.ts', {
    ...(await loneGatewayEnv(subgraphUrl)),
    // Production: Apollo Server registers signal handlers of its own there, next to the service's.
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    SUBGRAPH_TIMEOUT_MS: '30000',
  });
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

    // Idle keep-alive connections, as a load balancer's pool leaves them between requests.
    const idleAgent = new Agent({ keepAlive: true, maxSockets: IDLE });
    const warmUp = await Promise.all(Array.from({ length: IDLE }, () => post(gateway.url, idleAgent, '{ __typename }')));
    expect(warmUp.every((exchange) => exchange.status === 200)).toBe(true);

    // Requests in flight: each waits on the subgraph, which holds its answer until released.
    const busyAgent = new Agent({ keepAlive: true, maxSockets: HELD });
    // Each its own query: identical reads in flight would share one subgraph fetch.
    const inFlight = Array.from({ length: HELD }, (_, index) => post(gateway.url, busyAgent, `{ held${index}: categories { slug } }`));
    await standIn.whenPending(HELD);

    const signalledAt = Date.now();
    gateway.child.kill('SIGTERM');
    await gateway.logged('stopping');
    standIn.release();

    const exchanges = await Promise.all(inFlight);
    const exitCode = await gateway.exited;
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

describe('a graceful stop of the subgraphs', () => {
  const SUBGRAPH_SHUTDOWN_TIMEOUT_MS = 3_000;
  let tables: TestTables<'identity' | 'checkout'> | undefined;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const running of children) if (running.exitCode === null) running.kill('SIGKILL');
    await tables?.drop();
  });

  it.each([
    { service: 'identity', entry: 'subgraphs/identity/src/main.ts' },
    { service: 'checkout', entry: 'subgraphs/checkout/src/main.ts' },
  ])('when $service, started from its entry point in production, gets SIGTERM with an idle keep-alive connection open, then it exits 0 within SHUTDOWN_TIMEOUT_MS', async ({ service, entry }) => {
    tables ??= await createTestTables(['identity', 'checkout']);
    const keys = keyVariables(await generateKeys('graceful-stop'));
    const started = await startEntryProcess(service, entry, {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: '0',
      AWS_REGION: 'us-east-1',
      DYNAMODB_ENDPOINT: tables.endpoint,
      IDENTITY_TABLE: tables.names.identity,
      CHECKOUT_TABLE: tables.names.checkout,
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: `test:stop:${randomBytes(4).toString('hex')}:`,
      SHUTDOWN_TIMEOUT_MS: String(SUBGRAPH_SHUTDOWN_TIMEOUT_MS),
      // Production refuses the test provider unless told; this test is about stopping.
      ALLOW_TEST_PAYMENTS: 'true',
      ...Object.fromEntries(Object.entries(keys).filter(([name]) => name !== 'INTERNAL_CONTEXT_PRIVATE_KEY')),
    });
    children.push(started.child);

    const idleAgent = new Agent({ keepAlive: true, maxSockets: 2 });
    const answer = await post(started.url, idleAgent, '{ __typename }');
    expect(answer.status).toBe(200);

    const signalledAt = Date.now();
    started.child.kill('SIGTERM');
    const exitCode = await started.exited;
    const stoppedInMs = Date.now() - signalledAt;
    idleAgent.destroy();

    expect(started.lines().map((line) => line['msg'])).not.toContain('stop overran its budget; exiting');
    expect(started.lines().map((line) => line['msg'])).toContain('stopped');
    expect(exitCode).toBe(0);
    expect(stoppedInMs).toBeLessThan(SUBGRAPH_SHUTDOWN_TIMEOUT_MS);
  });
});
