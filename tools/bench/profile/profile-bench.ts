import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { CAN_PIN, pinSelf, type BenchProcess } from '../gateway/bench-process.js';
import { RESULTS_DIR } from '../gateway/report.js';
import { startSubgraphStack } from '../gateway/subgraph-stack.js';
import { NO_RESPONSE_CACHE, startGateway } from '../gateway/throughput.js';
import { measureCartGap, type CartGap } from './cart-gap.js';
import { assertCartOnlyDocument } from './cart-only-document.js';
import { readCpuProfile, summariseProfile } from './cpu-profile.js';
import { profileReport, type ProfileReportInput } from './profile-report.js';
import { prepareProfileWorkloads } from './profile-inputs.js';
import { parseProfileOptions } from './profile-options.js';
import { profileWorkload, type ProfiledRun } from './profiled-gateway.js';
import { createSubgraphProfiler, PROFILED_SUBGRAPH_STOP_GRACE_MS } from './profiled-subgraph.js';

/**
 * npm run bench:profile: CPU profiles (`--cpu-prof`) of a shopgraph gateway serving the
 * cookie-bearing `Browse`, the signed-in `Cart` read and anonymous `Browse` from the response
 * cache, one gateway process per workload; the catalog subgraph while the gateway serves `Cart`,
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
// Catalog is profiled for its whole life; only the Cart reads measured for it are summarised.
const catalogProfiler = settings.sections.includes('catalog') ? await createSubgraphProfiler() : undefined;
const stack = await startSubgraphStack({
  products: settings.products,
  redisUrl,
  log,
  ...(catalogProfiler ? { nodeFlags: { catalog: catalogProfiler.nodeFlags }, stopGraceMs: PROFILED_SUBGRAPH_STOP_GRACE_MS } : {}),
});
let catalogRun: Omit<ProfiledRun, 'profilePath'> | undefined;
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
  if (catalogProfiler) {
    log(`profiling the catalog subgraph while the gateway serves cart: ${settings.cartRequests} requests`);
    const catalog = stack.subgraphs.catalog;
    catalogRun = await catalogProfiler.measureWindow({ url: gateway.url, pid: catalog.pid, workload: workloads.cart, connections, requests: settings.cartRequests, warmupSeconds });
    log(`catalog during cart: ${catalogRun.requests} requests, ${((catalogRun.cpuSeconds * 1000) / catalogRun.requests).toFixed(2)} ms catalog CPU per request`);
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
if (catalogProfiler && catalogRun) {
  const { pid, exited } = stack.subgraphs.catalog;
  const run: ProfiledRun = { ...catalogRun, profilePath: await catalogProfiler.collect({ pid, exited, to: join(RESULTS_DIR, 'catalog-cart.cpuprofile') }) };
  profiles.push({
    title: 'the catalog subgraph while the gateway serves the signed-in `Cart` read (its variant fetch and cart\'s price fetch)',
    process: 'catalog subgraph',
    run,
    summary: summariseProfile(await readCpuProfile(run.profilePath), run.window),
  });
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
