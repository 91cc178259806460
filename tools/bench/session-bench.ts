import { generateKeys, tableDefinitions } from '@shopgraph/shared';
import { createDocumentClient, ensureTable } from '@shopgraph/shared/dynamo';
import { createSessionRevocations } from '@shopgraph/shared/server';
import { Redis } from 'ioredis';

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../compose/subgraph-list.js';
import { buildStack } from '../stack/build-stack.js';
import { prefixedTables } from '../stack/prepare-data.js';
import { asProcesses } from '../stack/process-runner.js';
import { processCpuSeconds } from './session/process-cpu.js';
import { benchServiceEnv } from './bench-env.js';

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
const keys = await generateKeys('bench');
// Identity is not part of this benchmark; its one effect on the hot path is the marker that
// vouches for Redis's revocations, set here as identity sets it at start-up (for longer than
// the benchmark runs: no identity renews it).
const redis = new Redis(redisUrl);
const revocations = createSessionRevocations({ redis, keyPrefix: BENCH_PREFIX });
await revocations.markComplete(3600, await revocations.beginRestore(3600));
redis.disconnect();
// Checkout alone serves the query; the gateways under test are started (and stopped) round by round.
const stack = await buildStack({
  runner: asProcesses({ mode: 'source', stopGraceMs: 5_000, entries: { gateway: 'tools/bench/session/gateway-entry.ts' } }),
  services: ['checkout'],
  dynamodb: { embedded: {} },
  keys,
  redis: { url: redisUrl, keyPrefix: BENCH_PREFIX },
  tables: prefixedTables(`bench-session-${Date.now().toString(36)}`),
  prepare: async (endpoint, tables) => {
    const admin = createDocumentClient({ region: 'us-east-1', endpoint });
    await ensureTable(admin, tableDefinitions.checkout, tables.checkout);
    admin.destroy();
  },
  env: benchServiceEnv(),
  log,
});
try {
  const startGateway = async (mode: 'on' | 'off') => (await stack.startReplica('gateway', { name: `gateway-${mode}`, env: { BENCH_SESSIONS: mode } })).process;

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
  await stack.stop();
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
