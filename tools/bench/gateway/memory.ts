import { createSessionKeyRing, createSessionTokenCodec, newSessionId, SESSION_COOKIE_NAME } from '@shopgraph/shared';
import { REPO_ROOT } from '../../compose/subgraph-list.js';
import { findFreePort } from '../../dynamodb-local/free-port.js';
import type { BenchSettings } from './bench-options.js';
import { startBenchProcess } from './bench-process.js';
import { sendSessions } from './memory-sessions.js';
import type { SubgraphStack } from './subgraph-stack.js';

/** One process's memory at one step of one round, once settled after a full collection (memory-probe.ts). */
export interface MemoryReading {
  /** The round, from 0: savings pair the readings of the same round. */
  round: number;
  /** Where the series ran in that round's order, from 0. */
  position: number;
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

/** One series after one number of sessions (0: warmed up, before the first step), in every round. */
export interface MemoryCell {
  series: MemorySeries;
  sessions: number;
  /** Every round's reading, in round order: the spreads and per-round savings are read from these. */
  rounds: MemoryReading[];
}

export interface MemoryResults {
  /** How retained memory was read. */
  method: string;
  request: string;
  rounds: number;
  cells: MemoryCell[];
}

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
 *
 * In rounds, as throughput is: how much old space V8 keeps committed for the same live data
 * varies from process to process, enough to move a saving by 20 points between two runs. Each
 * round starts every series' process afresh, and each round starts one series later than the
 * one before (A B C D, B C D A, ...), so drift on the machine touches every series alike.
 */
export async function measureMemory(stack: SubgraphStack, settings: BenchSettings, log: (message: string) => void): Promise<MemoryResults> {
  const codec = createSessionTokenCodec(await createSessionKeyRing(stack.keys.sessionKeys));
  const newCookie = async () => `${SESSION_COOKIE_NAME}=${await codec.encode({ sessionId: newSessionId() }, 86_400)}`;
  const results: MemoryResults = {
    method:
      'inside the measured process after two global.gc() passes (node --expose-gc, bench-only --import): process.memoryUsage(), V8 heap spaces, /proc/self/smaps_rollup; RSS once five readings 200 ms apart agree within 1 MB',
    request: `\`ShippingMethods\` (gateway + checkout), ${settings.memoryConcurrency} in flight`,
    rounds: settings.memoryRounds,
    cells: [],
  };
  const cellOf = (series: MemorySeries, sessions: number): MemoryCell => {
    const found = results.cells.find((cell) => cell.series === series && cell.sessions === sessions);
    if (found) return found;
    const cell: MemoryCell = { series, sessions, rounds: [] };
    results.cells.push(cell);
    return cell;
  };
  for (let round = 0; round < settings.memoryRounds; round++) {
    const order = MEMORY_SERIES.map((_, i) => MEMORY_SERIES[(i + round) % MEMORY_SERIES.length] as MemorySeries);
    for (const [position, series] of order.entries()) {
      const steps = await measureSeries(stack, settings, series, { round, position }, newCookie, (message) => log(`round ${round + 1} of ${settings.memoryRounds}, ${message}`));
      for (const { sessions, reading } of steps) cellOf(series, sessions).rounds.push(reading);
    }
  }
  return results;
}

/** One series in a process of its own: warmed up and read, then read again after each step of sessions. */
async function measureSeries(
  stack: SubgraphStack,
  settings: BenchSettings,
  series: MemorySeries,
  { round, position }: { round: number; position: number },
  newCookie: () => Promise<string>,
  log: (message: string) => void,
): Promise<{ sessions: number; reading: MemoryReading }[]> {
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
  const readings: { sessions: number; reading: MemoryReading }[] = [];
  try {
    const probe = async (sessions: number) => {
      const reading = toReading(round, position, (await (await fetch(`http://127.0.0.1:${probePort}/memory`)).json()) as ProbeAnswer);
      readings.push({ sessions, reading });
      return reading;
    };
    // Warm: the query plan, connections and JIT, on one session, before the first reading.
    const warmCookie = await newCookie();
    await sendSessions(server, 200, 1, async () => (withToken ? warmCookie : undefined), series, settings.memoryConcurrency);
    await probe(0);
    let sent = 0;
    for (const step of settings.sessionSteps) {
      const started = Date.now();
      await sendSessions(server, step - sent, requestsPerSession, async () => (withToken ? newCookie() : undefined), series, settings.memoryConcurrency);
      sent = step;
      const reading = await probe(step);
      const oldSpace = reading.heapSpacesMb['old_space'];
      log(
        `${series}: ${step} sessions, RSS ${reading.rssMb.toFixed(1)} MB, heap ${reading.heapUsedMb.toFixed(1)} used of ${reading.heapTotalMb.toFixed(1)} MB (old space ${oldSpace?.used.toFixed(1)} of ${oldSpace?.committed.toFixed(1)}) (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
    }
    return readings;
  } finally {
    await server.stop(5_000);
  }
}

function toReading(round: number, position: number, usage: ProbeAnswer): MemoryReading {
  if (!usage.afterGc) throw new Error('the measured process has no global.gc (--expose-gc missing)');
  return {
    round,
    position,
    rssMb: usage.rss / MB,
    heapUsedMb: usage.heapUsed / MB,
    heapTotalMb: usage.heapTotal / MB,
    externalMb: usage.external / MB,
    arrayBuffersMb: usage.arrayBuffers / MB,
    anonymousMb: (usage.kernel['Anonymous'] ?? 0) / MB,
    heapSpacesMb: Object.fromEntries(Object.entries(usage.heapSpaces).map(([name, space]) => [name, { used: space.used / MB, committed: space.size / MB }])),
  };
}
