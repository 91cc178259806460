import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { CAN_PIN, pinSelf, type BenchProcess } from '../gateway/bench-process.js';
import { RESULTS_DIR } from '../gateway/report.js';
import { startSubgraphStack, type SubgraphName } from '../gateway/subgraph-stack.js';
import type { Workload } from '../gateway/load.js';
import { NO_RESPONSE_CACHE, startGateway } from '../gateway/throughput.js';
import { measureCartGap, type CartGap } from './cart-gap.js';
import { assertCartOnlyDocument } from './cart-only-document.js';
import { readCpuProfile, summariseProfile } from './cpu-profile.js';
import { profileReport, type ProfileReportInput } from './profile-report.js';
import { prepareProfileWorkloads } from './profile-inputs.js';
import { parseProfileOptions } from './profile-options.js';
import { measureWindow, type MeasuredWindow } from './measured-window.js';
import { profileWorkload } from './profiled-gateway.js';
import { createSubgraphProfiler, PROFILED_SUBGRAPH_STOP_GRACE_MS, type SubgraphProfiler } from './profiled-subgraph.js';

/**
 * npm run bench:profile: CPU profiles (`--cpu-prof`) of a shopgraph gateway serving the
 * cookie-bearing `Browse`, the signed-in `Cart` read and anonymous `Browse` from the response
 * cache, one gateway process per workload; the catalog subgraph while the gateway serves `Cart`,
 * and the cart subgraph behind the gateway and driven directly,
 * summarised by function and by area; then the signed-in `Cart` through the gateway with and
 * without catalog's variant fields, against the cart subgraph alone, to say how much of the
 * gap is that fetch. Writes tools/bench/results/profile.md (and the .cpuprofile files, which
 * open in Chrome DevTools) and prints it. Set up as `npm run bench` sets up: the gateway on
 * core 0, the subgraphs, DynamoDB Local and the load generator on core 1.
 */
const settings = parseProfileOptions(process.argv.slice(2));
const startedAt = Date.now();
const log = (message: string) => process.stdout.write(`[bench:profile ${((Date.now() - startedAt) / 1000).toFixed(1)} s] ${message}\n`);
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const redisUrl = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
const loadBefore = loadavg();
const pinned = pinSelf(1);
log(pinned ? 'pinned: gateway on core 0, subgraphs and load generator on core 1' : `not pinned (${CAN_PIN ? 'taskset failed' : 'no taskset here'})`);
assertCartOnlyDocument();

await mkdir(RESULTS_DIR, { recursive: true });
// A profiled subgraph runs under --cpu-prof for its whole life; only the windows measured for it are summarised.
const profiledSubgraphs = (['catalog', 'cart'] as const).filter((name) => settings.sections.includes(name));
const profilers = new Map<SubgraphName, SubgraphProfiler>();
for (const name of profiledSubgraphs) profilers.set(name, await createSubgraphProfiler());
const stack = await startSubgraphStack({
  products: settings.products,
  redisUrl,
  log,
  ...(profilers.size > 0 ? { nodeFlags: Object.fromEntries([...profilers].map(([name, profiler]) => [name, profiler.nodeFlags])), stopGraceMs: PROFILED_SUBGRAPH_STOP_GRACE_MS } : {}),
});
const windows: { title: string; subgraph: SubgraphName; run: MeasuredWindow }[] = [];
const profiles: ProfileReportInput[] = [];
let gap: CartGap | undefined;
let gateway: BenchProcess | undefined;
try {
  // The gateway the customers sign up through and the gap is measured on: `npm run bench`'s `shopgraph` target.
  gateway = await startGateway('shopgraph', 'gateway/src/main.ts', stack, 'ready', NO_RESPONSE_CACHE);
  const workloads = await prepareProfileWorkloads(stack, gateway.url, settings.connections, log);
  const { connections, warmupSeconds } = settings;
  if (settings.sections.includes('profile')) {
    for (const [title, workload, requests, responseCache] of [
      ["`Browse` (first: 20) with a returning visitor's cookie", workloads.browseReturning, settings.browseRequests, false],
      ['signed-in `Cart` read, 10 lines', workloads.cart, settings.cartRequests, false],
      ['`Browse` (first: 20), no cookie, from the response cache (on, as shipped)', { ...workloads.browseAnonymous, name: 'browse-cached' }, settings.cachedRequests, true],
    ] as const) {
      log(`profiling ${workload.name}: ${requests} requests`);
      const run = await profileWorkload({ stack, workload, connections, requests, warmupSeconds, dir: RESULTS_DIR, responseCache });
      profiles.push({ title, process: 'gateway', run, summary: summariseProfile(await readCpuProfile(run.profilePath), run.window) });
      log(`${workload.name}: ${run.requests} requests, ${((run.cpuSeconds * 1000) / run.requests).toFixed(2)} ms gateway CPU per request`);
    }
  }
  const subgraphWindows: { title: string; subgraph: SubgraphName; file: string; url: string; workload: Workload }[] = [
    ...(profilers.has('catalog')
      ? [{ title: "the catalog subgraph while the gateway serves the signed-in `Cart` read (its variant fetch and cart's price fetch)", subgraph: 'catalog' as const, file: 'catalog-cart', url: gateway.url, workload: workloads.cart }]
      : []),
    ...(profilers.has('cart')
      ? [
          { title: "the cart subgraph behind the gateway, `Cart` with cart's fields only", subgraph: 'cart' as const, file: 'cart-behind-gateway', url: gateway.url, workload: workloads.cartOnly },
          { title: 'the cart subgraph driven directly with the same document (the "subgraph alone" floor)', subgraph: 'cart' as const, file: 'cart-alone', url: stack.subgraphs.cart.url, workload: workloads.cartAtSubgraph },
        ]
      : []),
  ];
  for (const { title, subgraph, file, url, workload } of subgraphWindows) {
    log(`profiling the ${subgraph} subgraph (${file}): ${settings.cartRequests} requests`);
    // The subgraph's own contexts live 60 s: signed afresh before each window that sends them.
    await workloads.resign();
    const run = await measureWindow({ url, pid: stack.subgraphs[subgraph].pid, workload, connections, requests: settings.cartRequests, warmupSeconds });
    windows.push({ title, subgraph, run });
    log(`${file}: ${run.requests} requests, ${((run.cpuSeconds * 1000) / run.requests).toFixed(2)} ms ${subgraph} CPU per request`);
  }
  if (settings.sections.includes('gap')) {
    const { url, pid } = gateway;
    const subgraph = stack.subgraphs.cart;
    gap = await measureCartGap({
      targets: {
        'gateway, contract Cart': { url, pid, workload: workloads.cart },
        'gateway, cart fields only': { url, pid, workload: workloads.cartOnly },
        'cart subgraph alone': { url: subgraph.url, pid: subgraph.pid, workload: workloads.cartAtSubgraph },
      },
      subgraphPids: { cart: stack.subgraphs.cart.pid, catalog: stack.subgraphs.catalog.pid },
      rounds: settings.gapRounds,
      seconds: settings.gapSeconds,
      warmupSeconds,
      connections,
      beforeRun: workloads.resign,
      log,
    });
  }
} finally {
  await gateway?.stop(5_000);
  await stack.stop();
}
// One profile per subgraph process, written when it stopped; each window is summarised from it.
const profilePaths = new Map<SubgraphName, string>();
for (const [name, profiler] of profilers) {
  const { pid, exited } = stack.subgraphs[name];
  if (windows.some((window) => window.subgraph === name)) profilePaths.set(name, await profiler.collect({ pid, exited, to: join(RESULTS_DIR, `${name}-subgraph.cpuprofile`) }));
}
for (const { title, subgraph, run } of windows) {
  const profilePath = profilePaths.get(subgraph) as string;
  profiles.push({ title, process: `${subgraph} subgraph`, run: { ...run, profilePath }, summary: summariseProfile(await readCpuProfile(profilePath), run.window) });
}

const loadAfter = loadavg();
const header = [
  `${new Date(startedAt).toISOString()}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${((Date.now() - startedAt) / 1000).toFixed(0)} s. ` +
    `${pinned ? 'Gateway pinned to core 0; subgraphs, DynamoDB Local and the load generator to core 1.' : 'Not pinned.'} ` +
    `Load average (1 min) ${loadBefore[0]?.toFixed(2)} before, ${loadAfter[0]?.toFixed(2)} after: anything else running shows in the absolute figures, less in the shares.`,
  '',
  `Settings: ${settings.connections} connections, ${settings.warmupSeconds} s warm-up; the gateway with its response cache off (as \`npm run bench\`'s \`shopgraph\` target) except where the title says it is on; ` +
    `profiles sampled every 0.5 ms and summarised over the measured requests only (start-up and warm-up left out). ms/req is sampled time ÷ requests: ` +
    'time of the gateway\'s JavaScript thread by the clock, so on a machine busy with other work it runs above the CPU read from /proc.',
];
const markdown = profileReport({ header, profiles, gap });
const path = join(RESULTS_DIR, 'profile.md');
await writeFile(path, `${markdown}\n`);
process.stdout.write(`\n${markdown}\nreport written to ${path}\n`);
