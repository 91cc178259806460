import { createInternalContextSigner, createSessionKeyRing, createSessionTokenCodec, HEADER_INTERNAL_CONTEXT, newSessionId, SESSION_COOKIE_NAME, toSession } from '@shopgraph/shared';
import { REPO_ROOT } from '../../compose/subgraph-list.js';
import { postGraphql, sendContractOperation } from '../../contract/contract-client.js';
import { findFreePort } from '../../dynamodb-local/free-port.js';
import { processCpuSeconds } from '../session/process-cpu.js';
import type { BenchSettings } from './bench-options.js';
import { startBenchProcess, type BenchProcess } from './bench-process.js';
import { startGeneratorCpu } from './generator-cpu.js';
import { signedInCustomerWithCart } from './graphql-client.js';
import { runLoad, type Workload } from './load.js';
import { spreadOf } from './stats.js';
import type { SubgraphStack } from './subgraph-stack.js';
import { workloadsFor, type WorkloadKey } from './workloads.js';

export const TARGETS = ['shopgraph', 'shopgraph-sessions-off', 'shopgraph-cached', 'stock', 'hive', 'floor'] as const;
export type Target = (typeof TARGETS)[number];
export const TARGET_TITLES: Record<Target, string> = {
  shopgraph: 'shopgraph gateway (response cache off)',
  'shopgraph-cached': 'shopgraph, public response cache on (default)',
  'shopgraph-sessions-off': 'shopgraph, sessions off',
  stock: 'stock @apollo/gateway',
  hive: 'Hive Gateway',
  floor: 'subgraph alone (floor)',
};

/** One target's figures in one round. */
export interface RoundFigures {
  /** The round, from 0: ratios between targets pair the figures of the same round. */
  round: number;
  /** Where the target ran in that round's order, from 0. */
  position: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The serving process's own CPU (user + system, from /proc) per request. */
  cpuMsPerRequest: number;
  requests: number;
  failed: number;
  /** The load generator's CPU (the bench process's, autocannon in it) per request. */
  generatorCpuMsPerRequest: number;
  /** The generator's CPU seconds over the run's wall seconds: 1 is one core kept busy. */
  generatorCoreShare: number;
  /** The generator's core busy with anything, the subgraphs too; absent when the generator is not pinned. */
  generatorCoreBusy?: number;
}

export interface ThroughputCell {
  workload: WorkloadKey;
  target: Target;
  /** Medians over the rounds that have the figure. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerRequest: number;
  /** Every round's figures, in round order: the spreads and per-round ratios are read from these. */
  rounds: RoundFigures[];
  requests: number;
  failed: number;
  /** Set when the target refuses the workload by design (no signed context): nothing was measured. */
  refused?: string;
}

export const NO_RESPONSE_CACHE = { RESPONSE_CACHE_MAX_ENTRIES: '0' };

/** A gateway process under test, pinned to the gateway's core. */
export async function startGateway(name: Target, entry: string, stack: SubgraphStack, probe: 'ready' | 'graphql', env: Record<string, string> = {}): Promise<BenchProcess> {
  return startBenchProcess({ name, entry, port: await findFreePort(), cwd: REPO_ROOT, core: 0, probe, env: { ...stack.gatewayEnv, ...env } });
}

/**
 * Section 1 and 2: throughput, latency and CPU per request of each workload through each
 * gateway, the shopgraph gateway with sessions on and off, and the subgraph doing most of the
 * work asked directly. Each round runs every target once, and each round starts one target later
 * than the one before (A B C, B C A, C A B, ...), so drift in a shared machine's load, and
 * whatever runs just before a target, touch every target alike; every round's figures are kept,
 * so ratios pair the same round's figures. `generatorCore` is the core the load generator (this
 * process) is pinned to, if it is.
 */
export async function measureThroughput(
  stack: SubgraphStack,
  settings: BenchSettings,
  log: (message: string) => void,
  { generatorCore }: { generatorCore?: number | undefined } = {},
): Promise<ThroughputCell[]> {
  const gateways: Partial<Record<Target, BenchProcess>> = {};
  try {
    await Promise.all([
      // Gateway against gateway, each doing the work of every request: shopgraph's public
      // response cache is off here, and measured on its own as shopgraph-cached.
      startGateway('shopgraph', 'gateway/src/main.ts', stack, 'ready', NO_RESPONSE_CACHE).then((gateway) => (gateways.shopgraph = gateway)),
      startGateway('shopgraph-sessions-off', 'tools/bench/session/gateway-entry.ts', stack, 'ready', { BENCH_SESSIONS: 'off-per-token', ...NO_RESPONSE_CACHE }).then(
        (gateway) => (gateways['shopgraph-sessions-off'] = gateway),
      ),
      startGateway('shopgraph-cached', 'gateway/src/main.ts', stack, 'ready').then((gateway) => (gateways['shopgraph-cached'] = gateway)),
      startGateway('stock', 'tools/bench/targets/stock-gateway.ts', stack, 'graphql').then((gateway) => (gateways.stock = gateway)),
      startGateway('hive', 'tools/bench/targets/hive-gateway.ts', stack, 'graphql').then((gateway) => (gateways.hive = gateway)),
    ]);
    const shopgraphUrl = (gateways.shopgraph as BenchProcess).url;

    const codec = createSessionTokenCodec(await createSessionKeyRing(stack.keys.sessionKeys));
    const signer = await createInternalContextSigner(stack.keys.internalContextPrivateKey);
    const returningToken = await codec.encode({ sessionId: newSessionId() }, 86_400);
    log(`signing up ${settings.connections} customers with 10-line carts`);
    const run = Date.now().toString(36);
    // Three customers at a time, each with its ten adds at once: far more in flight outruns the
    // subgraphs' one core (adds time out).
    const cartTokens: string[] = [];
    for (let first = 0; first < settings.connections; first += 3) {
      const batch = Array.from({ length: Math.min(3, settings.connections - first) }, (_, offset) => first + offset);
      cartTokens.push(...(await Promise.all(batch.map((i) => signedInCustomerWithCart(shopgraphUrl, `bench-${run}-${i}@bench.example`, stack.variantIds.slice(0, 10))))));
    }
    const cartSessions = await Promise.all(cartTokens.map(async (token) => {
      const decoded = await codec.decode(token);
      if (!decoded.ok) throw new Error('a token the gateway issued did not decode');
      return toSession(decoded.claims);
    }));
    let cartContexts: string[] = [];
    let anonymousContext = '';
    // Internal contexts live 60 s: signed afresh before each run that uses them.
    const resign = async () => {
      cartContexts = await Promise.all(cartSessions.map((session) => signer.sign({ session }, 'cart')));
      anonymousContext = await signer.sign({ session: { sessionId: newSessionId() } }, 'catalog');
    };
    await resign();
    const browse = await sendContractOperation(shopgraphUrl, 'Browse', { first: 36 });
    const slugs = browse.data?.products.edges.map((edge) => edge.node.slug) ?? [];
    if (slugs.length === 0) throw new Error(`Browse answered no products: ${browse.text.slice(0, 300)}`);

    const workloads = workloadsFor({
      slugs,
      returningCookie: `${SESSION_COOKIE_NAME}=${returningToken}`,
      cartTokens,
      cartContexts: () => cartContexts,
      anonymousContext: () => anonymousContext,
      internalContextHeader: HEADER_INTERNAL_CONTEXT,
    });

    const cells: ThroughputCell[] = [];
    for (const [key, shapes] of Object.entries(workloads) as [WorkloadKey, (typeof workloads)[WorkloadKey]][]) {
      const targets: { target: Target; url: string; pid: number; workload: Workload }[] = [];
      for (const target of TARGETS) {
        if (target === 'floor') {
          // The returning visitor's Browse is the same subgraph request as the anonymous one.
          if (key === 'browse-returning') continue;
          const subgraph = stack.subgraphs[shapes.floorSubgraph];
          targets.push({ target, url: subgraph.url, pid: subgraph.pid, workload: shapes.floor });
          continue;
        }
        const gateway = gateways[target] as BenchProcess;
        // The cache keeps only public answers: a signed-in cart read, or a cookie's Browse, never uses it.
        if (target === 'shopgraph-cached' && key !== 'browse-anonymous' && key !== 'product-page') continue;
        if (key === 'cart' && (target === 'stock' || target === 'hive')) {
          cells.push(await refusal(key, target, gateway.url, shapes.gateway));
          continue;
        }
        targets.push({ target, url: gateway.url, pid: gateway.pid, workload: shapes.gateway });
      }
      const rounds = new Map<Target, RoundFigures[]>(targets.map(({ target }) => [target, []]));
      for (const { url, workload } of targets) {
        await resign();
        await runLoad({ url, workload, connections: settings.connections, seconds: settings.warmupSeconds });
      }
      for (let round = 0; round < settings.rounds; round++) {
        const order = targets.map((_, i) => targets[(i + round) % targets.length] as (typeof targets)[number]);
        for (const [position, { target, url, pid, workload }] of order.entries()) {
          await resign();
          const cpuBefore = processCpuSeconds(pid);
          const generator = startGeneratorCpu(generatorCore);
          const result = await runLoad({ url, workload, connections: settings.connections, seconds: settings.measureSeconds });
          const generatorCpu = generator();
          // A round that completed no request has no latency and no cost per request (NaN, a dash in
          // the report), rather than autocannon's 0 ms and a whole run's CPU counted as one request.
          const requests = result.requests > 0 ? result.requests : Number.NaN;
          const figures: RoundFigures = {
            round,
            position,
            requestsPerSecond: result.requestsPerSecond,
            p50Ms: result.requests > 0 ? result.p50Ms : Number.NaN,
            p99Ms: result.requests > 0 ? result.p99Ms : Number.NaN,
            cpuMsPerRequest: ((processCpuSeconds(pid) - cpuBefore) * 1000) / requests,
            requests: result.requests,
            failed: result.failed,
            generatorCpuMsPerRequest: (generatorCpu.cpuSeconds * 1000) / requests,
            generatorCoreShare: generatorCpu.cpuSeconds / generatorCpu.wallSeconds,
            ...(generatorCpu.coreBusy !== undefined ? { generatorCoreBusy: generatorCpu.coreBusy } : {}),
          };
          rounds.get(target)?.push(figures);
          log(
            `${key} via ${target}, round ${round + 1}: ${figures.requestsPerSecond.toFixed(0)} req/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, ${figures.cpuMsPerRequest.toFixed(2)} ms CPU/req, ` +
              `generator ${figures.generatorCpuMsPerRequest.toFixed(2)} ms CPU/req (${(figures.generatorCoreShare * 100).toFixed(0)}% of a core), failed ${figures.failed}`,
          );
        }
      }
      for (const [target, list] of rounds) {
        cells.push({
          workload: key,
          target,
          requestsPerSecond: spreadOf(list.map((r) => r.requestsPerSecond)).median,
          p50Ms: spreadOf(list.map((r) => r.p50Ms)).median,
          p99Ms: spreadOf(list.map((r) => r.p99Ms)).median,
          cpuMsPerRequest: spreadOf(list.map((r) => r.cpuMsPerRequest)).median,
          rounds: list,
          requests: list.reduce((sum, r) => sum + r.requests, 0),
          failed: list.reduce((sum, r) => sum + r.failed, 0),
        });
      }
    }
    return cells;
  } finally {
    for (const gateway of Object.values(gateways)) await gateway.stop(5_000);
  }
}

/** A gateway that sends no signed context must refuse session-bound fields: checked, not assumed. */
async function refusal(workload: WorkloadKey, target: Target, url: string, shape: Workload): Promise<ThroughputCell> {
  const answer = await postGraphql(url, JSON.parse(shape.body(0, 0)) as { query: string }, shape.headers(0));
  const codes = [...new Set((answer.errors ?? []).map((error) => error.extensions?.code ?? error.message))];
  const refused = answer.errors?.length ? `refused (${codes.join(', ')})` : `answered without refusing: ${answer.text.slice(0, 120)}`;
  return { workload, target, requestsPerSecond: Number.NaN, p50Ms: Number.NaN, p99Ms: Number.NaN, cpuMsPerRequest: Number.NaN, rounds: [], requests: 0, failed: 0, refused };
}
