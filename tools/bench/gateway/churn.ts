import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from '../../compose/subgraph-list.js';
import { findFreePort } from '../../dynamodb-local/free-port.js';
import type { BenchSettings } from './bench-options.js';
import { startBenchProcess, type BenchProcess } from './bench-process.js';
import { onRunClock, type ChurnEvent, type ChurnFailure } from './churn-failures.js';
import { runChurnUser, type FailedAnswer, type UserTally } from './churn-user.js';
import { measureCapacity, measureStatefulCapacity, type CapacityRow } from './capacity.js';
import { startProxy } from './haproxy.js';
import type { SubgraphStack } from './subgraph-stack.js';

export type Design = 'shopgraph' | 'inMemoryBaseline';

export interface ChurnRun {
  design: Design;
  proxy: string;
  users: number;
  requests: number;
  failed: number;
  sessionsLost: number;
  linesLost: number;
  linesDoubled: number;
  /** Share of a user's consecutive requests answered by different replicas. */
  differentReplicaShare: number;
  events: ChurnEvent[];
  /** Every failed request, with what failed and when, to be placed against `events`. */
  failures: ChurnFailure[];
  /** Answers per second of the run, right and failed, for the chart. */
  timeline: { ok: number; failed: number }[];
}

export interface ChurnResults {
  runs: ChurnRun[];
  capacity: CapacityRow[];
  p99BudgetMs: number;
}

/** The schedule, as fractions of the run: replicas added and removed while users shop. */
const SCHEDULE: { at: number; action: 'start' | 'sigterm' | 'sigkill'; replica: number }[] = [
  { at: 0.15, action: 'start', replica: 3 },
  { at: 0.35, action: 'sigterm', replica: 0 },
  { at: 0.55, action: 'sigkill', replica: 1 },
  { at: 0.7, action: 'start', replica: 0 },
  { at: 0.85, action: 'start', replica: 1 },
];

/**
 * Section 4. For each design: three replicas (slots for a fourth) behind haproxy, round robin
 * without stickiness for shopgraph and with cookie stickiness for the in-memory baseline (it
 * cannot work without). First the concurrency each holds within the p99 budget on one replica
 * and on three; then users sign up, add and read their carts while replicas are added, sent
 * SIGTERM and killed on the schedule. Every replica is pinned to the gateway's core. Last, the
 * users held by stateful shopgraph behind a sticky proxy (capacity.ts), the case's own baseline.
 */
// A password hash takes longer than 100 ms on the subgraphs' shared core; closer sign-ups queue up past the deadline.
const SIGN_UP_SPACING_MS = 500;
/**
 * One shopper adds and reads for this long before the clock starts. The first adds after
 * start-up warm DynamoDB Local's and the services' code paths; made by every user at once on
 * the subgraphs' one core, they outlasted the gateway's 5 s deadline in the run's first
 * seconds, before any replica had changed: a cold start, which is not what this run measures.
 */
const WARM_UP_MS = 5_000;
const ARRIVAL_SPACING_MS = 100;

export async function measureChurn(stack: SubgraphStack, settings: BenchSettings, log: (message: string) => void): Promise<ChurnResults> {
  const dir = await mkdtemp(join(tmpdir(), 'shopgraph-churn-'));
  const results: ChurnResults = { runs: [], capacity: [], p99BudgetMs: settings.p99BudgetMs };
  try {
    for (const design of ['shopgraph', 'inMemoryBaseline'] as const) {
      const ports = await Promise.all([0, 1, 2, 3].map(() => findFreePort()));
      const replicas: (BenchProcess | undefined)[] = [undefined, undefined, undefined, undefined];
      // haproxy names slot i's server r<i+1> (haproxy.ts) in x-bench-replica; the report names processes.
      const replicaName = (slot: number) => `${design === 'shopgraph' ? 'gateway' : 'baseline'}-${slot + 1}`;
      const fromProxyName = (server: string | undefined) => (server && /^r\d+$/.test(server) ? replicaName(Number(server.slice(1)) - 1) : server);
      const startReplica = async (slot: number) => {
        replicas[slot] = await startBenchProcess({
          name: replicaName(slot),
          entry: design === 'shopgraph' ? 'gateway/src/main.ts' : 'tools/bench/targets/in-memory-session-server.ts',
          port: ports[slot] as number,
          cwd: REPO_ROOT,
          core: 0,
          env: { ...stack.gatewayEnv, SHUTDOWN_TIMEOUT_MS: '5000' },
          // express-session warns, on every start, that MemoryStore is not for production: the point of this baseline.
          echo: design === 'shopgraph',
        });
      };
      const proxies: { stop(): Promise<void> }[] = [];
      try {
        await Promise.all([0, 1, 2].map(startReplica));
        const sticky = design === 'inMemoryBaseline';
        const one = await startProxy({ dir, name: `${design}-one`, port: await findFreePort(), replicaPorts: ports.slice(0, 1), sticky, retryOn: settings.proxyRetryOn });
        proxies.push(one);
        const three = await startProxy({ dir, name: `${design}-three`, port: await findFreePort(), replicaPorts: ports, sticky, retryOn: settings.proxyRetryOn });
        proxies.push(three);
        for (const [replicaCount, proxy] of [
          [1, one],
          [3, three],
        ] as const) {
          results.capacity.push(await measureCapacity(design, replicaCount, proxy.url, settings, log));
        }

        const run = Date.now().toString(36);
        let warmUntil: (until: number) => void = () => undefined;
        const warmShopUntil = new Promise<number>((resolve) => (warmUntil = resolve));
        await runChurnUser({
          url: three.url,
          email: `churn-${design}-${run}-warm-up@bench.example`,
          variantIds: stack.variantIds.slice(0, 12),
          shopUntil: warmShopUntil,
          onSignedUp: () => warmUntil(Date.now() + WARM_UP_MS),
          onAnswer: () => undefined,
        });
        log(`${design}: signing up ${settings.churnUsers} users`);
        const runSeconds = settings.churnSeconds;
        const timeline = Array.from({ length: Math.ceil(runSeconds + settings.churnSettleSeconds) + 15 }, () => ({ ok: 0, failed: 0 }));
        let started = Date.now();
        const events: ChurnEvent[] = [];
        const failures: FailedAnswer[] = [];
        // Everyone signs up first, then the clock starts: password hashes for dozens of users at
        // once, next to others shopping, outlast the gateway's subgraph deadline on one core.
        let allSignedUp: (until: number) => void = () => undefined;
        const shopUntil = new Promise<number>((resolve) => (allSignedUp = resolve));
        let signedUp = 0;
        const onSignedUp = () => {
          if (++signedUp !== settings.churnUsers) return;
          started = Date.now();
          allSignedUp(started + (runSeconds + settings.churnSettleSeconds) * 1000);
        };
        const onAnswer = (ok: boolean, failure?: FailedAnswer) => {
          const second = timeline[Math.floor((Date.now() - started) / 1000)];
          if (second) second[ok ? 'ok' : 'failed']++;
          if (failure) failures.push(failure);
        };
        const users = Promise.all(
          Array.from({ length: settings.churnUsers }, async (_, i) => {
            await sleep(i * SIGN_UP_SPACING_MS);
            return runChurnUser({
              url: three.url,
              email: `churn-${design}-${run}-${i}@bench.example`,
              variantIds: stack.variantIds.slice(0, 12),
              shopUntil,
              // Arrivals spread over the first seconds: 41 first adds in one instant on the
              // subgraphs' one core outlast the 5 s deadline, a burst no replica change causes.
              startAfterMs: i * ARRIVAL_SPACING_MS,
              onSignedUp,
              onAnswer,
            });
          }),
        );
        const record = (kind: ChurnEvent['kind'], slot: number) => {
          const replica = replicaName(slot);
          const action = kind === 'ready' || kind === 'exited' ? `${replica} ${kind}` : `${kind} ${replica}`;
          const event: ChurnEvent = { atSeconds: (Date.now() - started) / 1000, kind, replica, action };
          events.push(event);
          log(`${design}: ${event.atSeconds.toFixed(1)} s: ${event.action}`);
        };
        const schedule = (async () => {
          await shopUntil;
          // A replica takes seconds to start or stop; the schedule does not wait for it before its
          // next step, and records when it was ready or gone, which is when failures cluster.
          const pending: Promise<void>[] = [];
          for (const step of SCHEDULE) {
            const wait = started + step.at * runSeconds * 1000 - Date.now();
            if (wait > 0) await sleep(wait);
            const replica = replicas[step.replica];
            record(step.action, step.replica);
            if (step.action === 'start') pending.push(startReplica(step.replica).then(() => record('ready', step.replica)));
            else if (step.action === 'sigterm') pending.push((replica?.stop(10_000) ?? Promise.resolve()).then(() => record('exited', step.replica)));
            else await replica?.kill();
          }
          await Promise.all(pending);
        })();
        const [tallies] = await Promise.all([users, schedule]);
        const failed = failures.map((failure) => onRunClock(failure, started, fromProxyName(failure.replica)));
        results.runs.push(summarise(design, sticky ? 'haproxy, round robin, sticky cookie' : 'haproxy, round robin, no stickiness', tallies, events, failed, timeline, Math.ceil((Date.now() - started) / 1000)));
        const last = results.runs.at(-1) as ChurnRun;
        log(`${design}: ${last.requests} requests, ${last.failed} failed, ${last.sessionsLost} sessions lost, ${last.linesLost} lines lost, ${last.linesDoubled} doubled`);
      } finally {
        for (const proxy of proxies) await proxy.stop();
        for (const replica of replicas) await replica?.stop(5_000);
      }
    }
    log('statefulShopgraph: users held, one replica and three behind a sticky proxy');
    results.capacity.push(...(await measureStatefulCapacity(stack, settings, dir, log)));
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function summarise(design: Design, proxy: string, tallies: UserTally[], events: ChurnEvent[], failures: ChurnFailure[], timeline: ChurnRun['timeline'], seconds: number): ChurnRun {
  const sum = (pick: (tally: UserTally) => number) => tallies.reduce((total, tally) => total + pick(tally), 0);
  const pairs = sum((tally) => tally.pairs);
  return {
    design,
    proxy,
    users: tallies.length,
    requests: sum((tally) => tally.requests),
    failed: sum((tally) => tally.failed),
    sessionsLost: sum((tally) => (tally.sessionLost ? 1 : 0)),
    linesLost: sum((tally) => tally.linesLost),
    linesDoubled: sum((tally) => tally.linesDoubled),
    differentReplicaShare: pairs ? sum((tally) => tally.pairsOnDifferentReplicas) / pairs : Number.NaN,
    events,
    failures,
    timeline: timeline.slice(0, seconds),
  };
}

