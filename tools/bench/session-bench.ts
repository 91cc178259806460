import { generateKeys, tableDefinitions } from '@shopgraph/shared';
import { createDocumentClient, ensureTable } from '@shopgraph/shared/dynamo';
import { createSessionRevocations } from '@shopgraph/shared/server';
import { Redis } from 'ioredis';

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../compose/subgraph-list.js';
import { ensureDynamoDbLocal } from '../dynamodb-local/fetch.js';
import { findFreePort } from '../dynamodb-local/free-port.js';
import { startDynamoDbLocal } from '../dynamodb-local/run.js';
import { keyEnvironment } from '../keys/service-keys.js';
import { startServiceProcess, type ServiceProcess } from '../stack/service-process.js';
import { processCpuSeconds } from './session/process-cpu.js';

/**
 * npm run bench:session: the gateway's CPU per request with session verification on (cookie
 * decrypted, revocation checked in Redis, internal context signed) and off, for the same
 * query, measured in one run on this machine. The gateway runs in a process of its own so
 * that its CPU is read from /proc without the load generator's.
 */
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 3000);
/** Rounds per mode; the machine is shared, so medians of several rounds, not one. */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const CONCURRENCY = 8;
const BENCH_PREFIX = 'bench:session:';
// The contract's ShippingMethods, so the production gateway (trusted documents enforced) runs it.
const QUERY = JSON.stringify({ query: 'query ShippingMethods { shippingMethods { id name price { amount currencyCode } } }' });
const log = (message: string) => process.stdout.write(`[bench:session] ${message}\n`);

const redisUrl = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const { emulatorDir } = await ensureDynamoDbLocal({ log });
const dynamodb = await startDynamoDbLocal({ emulatorDir });
const running: ServiceProcess[] = [];
try {
  const table = `bench-session-checkout-${Date.now().toString(36)}`;
  const admin = createDocumentClient({ region: 'us-east-1', endpoint: dynamodb.endpoint });
  await ensureTable(admin, tableDefinitions.checkout, table);
  admin.destroy();
  const keys = await generateKeys('bench');
  // Identity is not part of this benchmark; its one effect on the hot path is the marker that
  // vouches for Redis's revocations, set here as identity sets it at start-up (for longer than
  // the benchmark runs: no identity renews it).
  const redis = new Redis(redisUrl);
  const revocations = createSessionRevocations({ redis, keyPrefix: BENCH_PREFIX });
  await revocations.markComplete(3600, await revocations.beginRestore(3600));
  redis.disconnect();
  const common = { NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', DYNAMODB_ENDPOINT: dynamodb.endpoint, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const checkout = await startServiceProcess({
    name: 'checkout',
    entry: 'subgraphs/checkout/src/main.ts',
    port: await findFreePort(),
    cwd: REPO_ROOT,
    // The production profile refuses the test payment provider unless told; no money moves here.
    env: { ...common, CHECKOUT_TABLE: table, REDIS_URL: redisUrl, ALLOW_TEST_PAYMENTS: 'true', ...keyEnvironment('checkout', keys) },
  });
  running.push(checkout);

  const startGateway = async (mode: 'on' | 'off') => {
    const gateway = await startServiceProcess({
      name: `gateway-${mode}`,
      entry: 'tools/bench/session/gateway-entry.ts',
      port: await findFreePort(),
      cwd: REPO_ROOT,
      env: {
        ...common,
        BENCH_SESSIONS: mode,
        REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: BENCH_PREFIX,
        ...keyEnvironment('gateway', keys),
        SUBGRAPH_URL_CHECKOUT: checkout.url,
      },
    });
    running.push(gateway);
    return gateway;
  };

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const lines: string[] = [];
  const summary: Record<string, unknown> = {};
  // One shopper sending every request (caches warm), then a session every few requests, as
  // on a busy site where each page view is a handful of queries.
  for (const requestsPerSession of [REQUESTS, 5]) {
    const results: Record<'on' | 'off', number[]> = { on: [], off: [] };
    // Alternating rounds, so drift in the machine's load touches both modes alike.
    for (const mode of Array.from({ length: ROUNDS * 2 }, (_, i) => (i % 2 === 0 ? 'on' : 'off'))) {
      const gateway = await startGateway(mode);
      const cookies = await Promise.all(Array.from({ length: Math.ceil(REQUESTS / requestsPerSession) }, () => firstCookie(gateway.url)));
      await load(gateway.url, [cookies[0] as string], 300);
      const before = processCpuSeconds(gateway.pid);
      await load(gateway.url, cookies, REQUESTS);
      const perRequestMs = ((processCpuSeconds(gateway.pid) - before) / REQUESTS) * 1000;
      results[mode].push(perRequestMs);
      log(`${requestsPerSession} requests per session, sessions ${mode}: ${perRequestMs.toFixed(3)} ms CPU per request`);
      await gateway.stop(5_000);
      running.splice(running.indexOf(gateway), 1);
    }
    const on = median(results.on);
    const off = median(results.off);
    const ratio = on / off;
    summary[`requestsPerSession=${requestsPerSession}`] = { on: results.on, off: results.off, ratio };
    lines.push(
      `${requestsPerSession} requests per session: on ${on.toFixed(3)} ms, off ${off.toFixed(3)} ms, ratio ${ratio.toFixed(3)} (${((ratio - 1) * 100).toFixed(1)}% added; goal: under 5%)`,
    );
  }
  process.stdout.write(`\ngateway CPU per request, median of ${ROUNDS} rounds of ${REQUESTS} requests (${CONCURRENCY} in flight):\n  ${lines.join('\n  ')}\n`);
  const outDir = join(REPO_ROOT, 'tools', 'bench', 'results');
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'session.json'), `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, requests: REQUESTS, ...summary }, null, 2)}\n`);
} finally {
  for (const service of running.reverse()) await service.stop(5_000);
  await dynamodb.stop();
}

async function firstCookie(url: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY });
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function load(url: string, cookies: string[], requests: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests) {
        const cookie = cookies[next % cookies.length] as string;
        next++;
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: QUERY });
        if (!response.ok) throw new Error(`gateway answered ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
      }
    }),
  );
}
