import { createSessionKeyRing, createSessionTokenCodec, newSessionId, SESSION_COOKIE_NAME } from '@shopgraph/shared';
import { REPO_ROOT } from '../../compose/subgraph-list.js';
import { findFreePort } from '../../dynamodb-local/free-port.js';
import type { BenchSettings } from './bench-options.js';
import { startBenchProcess, type BenchProcess } from './bench-process.js';
import type { SubgraphStack } from './subgraph-stack.js';
import { contractOperation } from '../../contract/contract-operation.js';

export interface MemoryPoint {
  sessions: number;
  /** Once settled after a full collection (memory-probe.ts). */
  rssMb: number;
  heapUsedMb: number;
  /** Where the rest of RSS is: V8's committed heap, memory outside it, and the kernel's count of anonymous pages. */
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  anonymousMb: number;
  /** Each V8 heap space's used and committed MB (old_space, new_space, large_object_space, code_space…). */
  heapSpacesMb: Record<string, { used: number; committed: number }>;
}

/** The series measured: the same gateway, sessions that come once and sessions that come back; then the stateful design, as shopgraph and as a small express server. */
export const MEMORY_SERIES = ['shopgraph', 'shopgraphReturning', 'statefulShopgraph', 'inMemoryBaseline'] as const;
export type MemorySeries = (typeof MEMORY_SERIES)[number];

export type MemoryResults = Record<MemorySeries, MemoryPoint[]> & {
  /** How retained memory was read. */
  method: string;
  request: string;
};

interface ProbeAnswer {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  heapSpaces: Record<string, { size: number; used: number }>;
  kernel: Record<string, number>;
  afterGc: boolean;
}

const MB = 1024 * 1024;
const SHIPPING_METHODS = JSON.stringify({ query: contractOperation('ShippingMethods'), operationName: 'ShippingMethods' });

/** Requests each session sends, and to which server. */
const SERIES: Record<MemorySeries, { entry: string; requestsPerSession: number; withToken: boolean }> = {
  // Each session once: the case's measure, and what a crawler or an app's single call costs.
  shopgraph: { entry: 'gateway/src/main.ts', requestsPerSession: 1, withToken: true },
  // Each session twice: enough for the gateway's caches to keep it (they admit on second sight),
  // so the caches fill up to their byte budgets and show where they stop.
  shopgraphReturning: { entry: 'gateway/src/main.ts', requestsPerSession: 2, withToken: true },
  // No cookie: the stateful design creates a session for each new visitor and keeps it; first
  // as shopgraph itself (the same gateway behind an in-process session map), then as the
  // smallest server that does so (express-session's MemoryStore), a second reference.
  statefulShopgraph: { entry: 'tools/bench/targets/stateful-shopgraph.ts', requestsPerSession: 1, withToken: false },
  inMemoryBaseline: { entry: 'tools/bench/targets/in-memory-session-server.ts', requestsPerSession: 1, withToken: false },
};

/**
 * Section 3: memory against the number of distinct sessions served by one replica. Each
 * session sends `ShippingMethods`: to shopgraph with its own session cookie (a token minted
 * with the run's keys, as identity would issue it), once or twice; to the two stateful
 * baselines once, without a cookie, so that each creates and keeps a session as the old design did. Each
 * process runs with --expose-gc and answers where its memory is after a full collection.
 */
export async function measureMemory(stack: SubgraphStack, settings: BenchSettings, log: (message: string) => void): Promise<MemoryResults> {
  const codec = createSessionTokenCodec(await createSessionKeyRing(stack.keys.sessionKeys));
  const newCookie = async () => `${SESSION_COOKIE_NAME}=${await codec.encode({ sessionId: newSessionId() }, 86_400)}`;
  const results: MemoryResults = {
    shopgraph: [],
    shopgraphReturning: [],
    statefulShopgraph: [],
    inMemoryBaseline: [],
    method:
      'inside the measured process after two global.gc() passes (node --expose-gc, bench-only --import): process.memoryUsage(), V8 heap spaces, /proc/self/smaps_rollup; RSS once five readings 200 ms apart agree within 1 MB',
    request: `\`ShippingMethods\` (gateway + checkout), ${settings.memoryConcurrency} in flight`,
  };
  for (const series of MEMORY_SERIES) {
    const { entry, requestsPerSession, withToken } = SERIES[series];
    const probePort = await findFreePort();
    const server = await startBenchProcess({
      name: `memory-${series}`,
      entry,
      port: await findFreePort(),
      cwd: REPO_ROOT,
      core: 0,
      nodeFlags: ['--expose-gc', '--import', './tools/bench/gateway/memory-probe.ts'],
      env: { ...stack.gatewayEnv, BENCH_PROBE_PORT: String(probePort) },
    });
    try {
      const probe = async (sessions: number) => toPoint(sessions, (await (await fetch(`http://127.0.0.1:${probePort}/memory`)).json()) as ProbeAnswer);
      // Warm: the query plan, connections and JIT, on one session, before the first reading.
      const warmCookie = await newCookie();
      await sendSessions(server, 200, 1, async () => (withToken ? warmCookie : undefined), series, settings.memoryConcurrency);
      results[series].push(await probe(0));
      let sent = 0;
      for (const step of settings.sessionSteps) {
        const started = Date.now();
        await sendSessions(server, step - sent, requestsPerSession, async () => (withToken ? newCookie() : undefined), series, settings.memoryConcurrency);
        sent = step;
        const point = await probe(step);
        results[series].push(point);
        const oldSpace = point.heapSpacesMb['old_space'];
        log(
          `${series}: ${step} sessions, RSS ${point.rssMb.toFixed(1)} MB, heap ${point.heapUsedMb.toFixed(1)} used of ${point.heapTotalMb.toFixed(1)} MB (old space ${oldSpace?.used.toFixed(1)} of ${oldSpace?.committed.toFixed(1)}) (${((Date.now() - started) / 1000).toFixed(1)} s)`,
        );
      }
    } finally {
      await server.stop(5_000);
    }
  }
  return results;
}

function toPoint(sessions: number, usage: ProbeAnswer): MemoryPoint {
  if (!usage.afterGc) throw new Error('the measured process has no global.gc (--expose-gc missing)');
  return {
    sessions,
    rssMb: usage.rss / MB,
    heapUsedMb: usage.heapUsed / MB,
    heapTotalMb: usage.heapTotal / MB,
    externalMb: usage.external / MB,
    arrayBuffersMb: usage.arrayBuffers / MB,
    anonymousMb: (usage.kernel['Anonymous'] ?? 0) / MB,
    heapSpacesMb: Object.fromEntries(Object.entries(usage.heapSpaces).map(([name, space]) => [name, { used: space.used / MB, committed: space.size / MB }])),
  };
}

/**
 * Sends `count` sessions' requests, `requestsPerSession` each (a session's next request after
 * its previous answer); every answer must be right, and the session handling must be what the
 * design says: shopgraph sets no cookie for a valid token, the baseline sets one for every new visitor.
 */
async function sendSessions(
  server: BenchProcess,
  count: number,
  requestsPerSession: number,
  cookie: () => Promise<string | undefined>,
  series: string,
  concurrency: number,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        const value = await cookie();
        for (let request = 0; request < requestsPerSession; request++) {
          const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(value ? { cookie: value } : {}) }, body: SHIPPING_METHODS });
          const text = await response.text();
          if (!response.ok || text.includes('"errors"') || !text.includes('"shippingMethods":[')) throw new Error(`${series} answered ${response.status}: ${text.slice(0, 200)}`);
          const setCookie = response.headers.get('set-cookie') !== null;
          if (setCookie !== (value === undefined)) throw new Error(`${series} ${setCookie ? 'set' : 'did not set'} a session cookie for ${value ? 'a visitor with a valid session' : 'a new visitor'}`);
        }
      }
    }),
  );
}
