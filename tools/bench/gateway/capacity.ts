import { REPO_ROOT } from '../../compose/subgraph-list.js';
import { findFreePort } from '../../dynamodb-local/free-port.js';
import type { BenchSettings } from './bench-options.js';
import { startBenchProcess, type BenchProcess } from './bench-process.js';
import { startProxy } from './haproxy.js';
import { runLoad } from './load.js';
import type { SubgraphStack } from './subgraph-stack.js';
import { workloadsFor } from './workloads.js';

/** The designs whose users held are measured: the churn run's two, and stateful shopgraph, the case's own baseline. */
export type CapacityDesign = 'shopgraph' | 'inMemoryBaseline' | 'statefulShopgraph';

const DESIGN_TITLES: Record<CapacityDesign, string> = {
  shopgraph: 'shopgraph',
  inMemoryBaseline: 'in-memory baseline',
  statefulShopgraph: 'stateful shopgraph',
};
/** How the report and its charts name each design. */
export const designTitle = (design: CapacityDesign) => DESIGN_TITLES[design];

export interface CapacityRow {
  design: CapacityDesign;
  replicas: number;
  /** Highest concurrency tried whose p99 stayed within budget with nothing failed; 0 if none. */
  usersHeld: number;
  steps: { connections: number; p99Ms: number; requestsPerSecond: number; failed: number }[];
}

/** Raises concurrency (anonymous Browse, every answer checked) until p99 passes the budget or anything fails. */
export async function measureCapacity(design: CapacityDesign, replicas: number, url: string, settings: BenchSettings, log: (message: string) => void): Promise<CapacityRow> {
  const { gateway: workload } = workloadsFor({ slugs: [], returningCookie: '', cartTokens: [], cartContexts: () => [], anonymousContext: () => '', internalContextHeader: '' })['browse-anonymous'];
  const row: CapacityRow = { design, replicas, usersHeld: 0, steps: [] };
  await runLoad({ url, workload, connections: settings.capacitySteps[0] ?? 4, seconds: settings.warmupSeconds });
  for (const connections of settings.capacitySteps) {
    const result = await runLoad({ url, workload, connections, seconds: settings.capacitySeconds });
    row.steps.push({ connections, p99Ms: result.p99Ms, requestsPerSecond: result.requestsPerSecond, failed: result.failed });
    log(`${design} x${replicas}: ${connections} users, p99 ${result.p99Ms} ms, ${result.requestsPerSecond.toFixed(0)} req/s, failed ${result.failed}`);
    if (result.p99Ms > settings.p99BudgetMs || result.failed > 0) break;
    row.usersHeld = connections;
  }
  return row;
}

/**
 * Users held by stateful shopgraph (tools/bench/targets/stateful-shopgraph.ts: the same gateway
 * behind a session map in process memory) on one replica and on three behind a sticky proxy,
 * as the churn section measures the other two designs. No churn run: its sessions are the
 * front's, which the churn users do not depend on, so losing them would show nothing.
 */
export async function measureStatefulCapacity(stack: SubgraphStack, settings: BenchSettings, dir: string, log: (message: string) => void): Promise<CapacityRow[]> {
  const ports = await Promise.all([0, 1, 2].map(() => findFreePort()));
  const replicas: BenchProcess[] = [];
  const proxies: { stop(): Promise<void> }[] = [];
  try {
    replicas.push(
      ...(await Promise.all(
        ports.map((port, slot) =>
          startBenchProcess({ name: `stateful-${slot + 1}`, entry: 'tools/bench/targets/stateful-shopgraph.ts', port, cwd: REPO_ROOT, core: 0, env: { ...stack.gatewayEnv, SHUTDOWN_TIMEOUT_MS: '5000' } }),
        ),
      )),
    );
    const rows: CapacityRow[] = [];
    for (const [count, name] of [
      [1, 'statefulShopgraph-one'],
      [3, 'statefulShopgraph-three'],
    ] as const) {
      const proxy = await startProxy({ dir, name, port: await findFreePort(), replicaPorts: ports.slice(0, count), sticky: true, retryOn: settings.proxyRetryOn });
      proxies.push(proxy);
      rows.push(await measureCapacity('statefulShopgraph', count, proxy.url, settings, log));
    }
    return rows;
  } finally {
    for (const proxy of proxies) await proxy.stop();
    for (const replica of replicas) await replica.stop(5_000);
  }
}
