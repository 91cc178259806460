import { createSessionKeyRing, createSessionTokenCodec, newSessionId, SESSION_COOKIE_NAME } from '@shopgraph/shared';
import { REPO_ROOT } from '../../compose/subgraph-list.js';
import { findFreePort } from '../../dynamodb-local/free-port.js';
import type { BenchSettings } from './bench-options.js';
import { startBenchProcess, type BenchProcess } from './bench-process.js';
import type { SubgraphStack } from './subgraph-stack.js';
import { contractOperation } from '../../contract/contract-operation.js';

export interface MemoryPoint {
  sessions: number;
  rssMb: number;
  heapUsedMb: number;
}

export interface MemoryResults {
  shopgraph: MemoryPoint[];
  inMemoryBaseline: MemoryPoint[];
  /** How retained memory was read. */
  method: string;
  request: string;
}

const MB = 1024 * 1024;
const SHIPPING_METHODS = JSON.stringify({ query: contractOperation('ShippingMethods'), operationName: 'ShippingMethods' });

/**
 * Section 3: memory against the number of distinct sessions served by one replica. Each
 * session sends one `ShippingMethods` request: to shopgraph with its own session cookie (a
 * token minted with the run's keys, as identity would issue it), to the in-memory baseline
 * without a cookie, so that it creates and keeps a session as the old design did. Both
 * processes run with --expose-gc and answer their memory after a full collection.
 */
export async function measureMemory(stack: SubgraphStack, settings: BenchSettings, log: (message: string) => void): Promise<MemoryResults> {
  const codec = createSessionTokenCodec(await createSessionKeyRing(stack.keys.sessionKeys));
  const results: MemoryResults = {
    shopgraph: [],
    inMemoryBaseline: [],
    method: 'process.memoryUsage() inside the measured process, after two global.gc() passes (node --expose-gc, bench-only --import)',
    request: 'one `ShippingMethods` (gateway + checkout) per session, 16 in flight',
  };
  for (const kind of ['shopgraph', 'inMemoryBaseline'] as const) {
    const probePort = await findFreePort();
    const server = await startBenchProcess({
      name: kind === 'shopgraph' ? 'shopgraph-memory' : 'in-memory-baseline',
      entry: kind === 'shopgraph' ? 'gateway/src/main.ts' : 'bench/in-memory-session-server.ts',
      port: await findFreePort(),
      cwd: REPO_ROOT,
      core: 0,
      nodeFlags: ['--expose-gc', '--import', './tools/bench/gateway/memory-probe.ts'],
      env: { ...stack.gatewayEnv, BENCH_PROBE_PORT: String(probePort) },
    });
    try {
      const probe = async (sessions: number): Promise<MemoryPoint> => {
        const usage = (await (await fetch(`http://127.0.0.1:${probePort}/memory`)).json()) as { rss: number; heapUsed: number; afterGc: boolean };
        if (!usage.afterGc) throw new Error('the measured process has no global.gc (--expose-gc missing)');
        return { sessions, rssMb: usage.rss / MB, heapUsedMb: usage.heapUsed / MB };
      };
      // Warm: the query plan, connections and JIT, on one session, before the first reading.
      const warmToken = await codec.encode({ sessionId: newSessionId() }, 86_400);
      await sendSessions(server, 200, async () => (kind === 'shopgraph' ? `${SESSION_COOKIE_NAME}=${warmToken}` : undefined), kind, settings.memoryConcurrency);
      results[kind].push(await probe(0));
      let sent = 0;
      for (const step of settings.sessionSteps) {
        const started = Date.now();
        await sendSessions(
          server,
          step - sent,
          async () => (kind === 'shopgraph' ? `${SESSION_COOKIE_NAME}=${await codec.encode({ sessionId: newSessionId() }, 86_400)}` : undefined),
          kind,
          settings.memoryConcurrency,
        );
        sent = step;
        const point = await probe(step);
        results[kind].push(point);
        log(`${kind}: ${step} sessions, RSS ${point.rssMb.toFixed(1)} MB, heap ${point.heapUsedMb.toFixed(1)} MB (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      }
    } finally {
      await server.stop(5_000);
    }
  }
  return results;
}

/**
 * Sends `count` requests, each as a session of its own; every answer must be right, and the
 * session handling must be what the design says: shopgraph sets no cookie for a valid token,
 * the baseline sets one for every new visitor.
 */
async function sendSessions(server: BenchProcess, count: number, cookie: () => Promise<string | undefined>, kind: string, concurrency: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        const value = await cookie();
        const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(value ? { cookie: value } : {}) }, body: SHIPPING_METHODS });
        const text = await response.text();
        if (!response.ok || text.includes('"errors"') || !text.includes('"shippingMethods":[')) throw new Error(`${kind} answered ${response.status}: ${text.slice(0, 200)}`);
        const setCookie = response.headers.get('set-cookie') !== null;
        if (setCookie !== (value === undefined)) throw new Error(`${kind} ${setCookie ? 'set' : 'did not set'} a session cookie for ${value ? 'a visitor with a valid session' : 'a new visitor'}`);
      }
    }),
  );
}
