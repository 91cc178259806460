import { runLoad, type Workload } from '../gateway/load.js';
import { spreadOf, type Spread } from '../gateway/stats.js';
import { processCpuSeconds } from '../session/process-cpu.js';

export const GAP_TARGETS = ['gateway, contract Cart', 'gateway, cart fields only', 'cart subgraph alone'] as const;
export type GapTarget = (typeof GAP_TARGETS)[number];
export const WATCHED_SUBGRAPHS = ['cart', 'catalog'] as const;
export type WatchedSubgraph = (typeof WATCHED_SUBGRAPHS)[number];

export interface GapRound {
  requestsPerSecond: number;
  /** The serving process's CPU per request (the gateway's, or the cart subgraph's). */
  cpuMsPerRequest: number;
  /**
   * Each subgraph's CPU per request: where the work behind the answer lands (cart asks catalog
   * for current prices itself; the gateway's variant fetch is catalog's on top).
   */
  subgraphCpuMsPerRequest: Record<WatchedSubgraph, number>;
  failed: number;
}

export interface CartGap {
  rounds: Record<GapTarget, GapRound[]>;
  requestsPerSecond: Record<GapTarget, Spread>;
  cpuMsPerRequest: Record<GapTarget, Spread>;
  subgraphCpuMsPerRequest: Record<WatchedSubgraph, Record<GapTarget, Spread>>;
  /** Each gateway read ÷ the subgraph alone, round by round. */
  ratioToSubgraph: { full: Spread; cartOnly: Spread };
  /**
   * The share of the gap in time per request (1/rate: at a fixed number of connections, what
   * each request waits) that the catalog fetch accounts for, round by round:
   * (1/full − 1/cart-only) ÷ (1/full − 1/subgraph alone).
   */
  catalogShare: Spread;
}

/**
 * The signed-in Cart read three ways, in `rounds` short rounds, each round running every target
 * once in an order rotated by one per round (as throughput.ts does), so drift on a shared
 * machine touches each alike; ratios pair the figures of the same round.
 */
export async function measureCartGap({
  targets,
  subgraphPids,
  rounds,
  seconds,
  warmupSeconds,
  connections,
  beforeRun,
  log,
}: {
  targets: Record<GapTarget, { url: string; pid: number; workload: Workload }>;
  subgraphPids: Record<WatchedSubgraph, number>;
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  /** Runs before every run: the subgraph's signed contexts are re-signed. */
  beforeRun: () => Promise<void>;
  log: (message: string) => void;
}): Promise<CartGap> {
  const measured = Object.fromEntries(GAP_TARGETS.map((target) => [target, [] as GapRound[]])) as Record<GapTarget, GapRound[]>;
  for (const target of GAP_TARGETS) {
    await beforeRun();
    await runLoad({ ...targets[target], connections, seconds: warmupSeconds });
  }
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < GAP_TARGETS.length; i++) {
      const target = GAP_TARGETS[(i + round) % GAP_TARGETS.length] as GapTarget;
      const { url, pid, workload } = targets[target];
      await beforeRun();
      const cpuBefore = processCpuSeconds(pid);
      const subgraphsBefore = subgraphCpu(subgraphPids);
      const result = await runLoad({ url, workload, connections, seconds });
      const msPerRequest = (cpuSeconds: number) => (cpuSeconds * 1000) / result.requests;
      const subgraphsAfter = subgraphCpu(subgraphPids);
      const figures: GapRound = {
        requestsPerSecond: result.requestsPerSecond,
        cpuMsPerRequest: msPerRequest(processCpuSeconds(pid) - cpuBefore),
        subgraphCpuMsPerRequest: { cart: msPerRequest(subgraphsAfter.cart - subgraphsBefore.cart), catalog: msPerRequest(subgraphsAfter.catalog - subgraphsBefore.catalog) },
        failed: result.failed,
      };
      measured[target].push(figures);
      log(
        `cart gap, round ${round + 1}, ${target}: ${figures.requestsPerSecond.toFixed(0)} req/s, ${figures.cpuMsPerRequest.toFixed(2)} ms CPU/req, ` +
          `cart ${figures.subgraphCpuMsPerRequest.cart.toFixed(2)}, catalog ${figures.subgraphCpuMsPerRequest.catalog.toFixed(2)} ms CPU/req, failed ${figures.failed}`,
      );
    }
  }
  const perTarget = (pick: (round: GapRound) => number) =>
    Object.fromEntries(GAP_TARGETS.map((target) => [target, spreadOf(measured[target].map(pick))])) as Record<GapTarget, Spread>;
  const paired = (of: (full: number, cartOnly: number, alone: number) => number) =>
    spreadOf(
      measured['gateway, contract Cart'].map((full, round) =>
        of(full.requestsPerSecond, measured['gateway, cart fields only'][round]?.requestsPerSecond ?? Number.NaN, measured['cart subgraph alone'][round]?.requestsPerSecond ?? Number.NaN),
      ),
    );
  return {
    rounds: measured,
    requestsPerSecond: perTarget((round) => round.requestsPerSecond),
    cpuMsPerRequest: perTarget((round) => round.cpuMsPerRequest),
    subgraphCpuMsPerRequest: { cart: perTarget((round) => round.subgraphCpuMsPerRequest.cart), catalog: perTarget((round) => round.subgraphCpuMsPerRequest.catalog) },
    ratioToSubgraph: { full: paired((full, _, alone) => full / alone), cartOnly: paired((_, cartOnly, alone) => cartOnly / alone) },
    catalogShare: paired((full, cartOnly, alone) => (1 / full - 1 / cartOnly) / (1 / full - 1 / alone)),
  };
}

function subgraphCpu(pids: Record<WatchedSubgraph, number>): Record<WatchedSubgraph, number> {
  return { cart: processCpuSeconds(pids.cart), catalog: processCpuSeconds(pids.catalog) };
}
