import { parseBenchOptions, type Section } from './gateway/bench-options.js';
import { CAN_PIN, pinSelf } from './gateway/bench-process.js';
import { measureChurn, type ChurnResults } from './gateway/churn.js';
import { HAPROXY } from './gateway/haproxy.js';
import { measureMemory, type MemoryResults } from './gateway/memory.js';
import { writeReport } from './gateway/report.js';
import { startSubgraphStack } from './gateway/subgraph-stack.js';
import { measureThroughput, type ThroughputCell } from './gateway/throughput.js';

/**
 * npm run bench: the gateway against the stock @apollo/gateway, Hive Gateway and the subgraph
 * alone (throughput, p50/p99, CPU per request), session verification on and off, memory
 * against the number of sessions next to an in-memory-session baseline, and replicas coming
 * and going under load. A benchmark, not a test: it measures, prints a table and writes a
 * report to tools/bench/results/. Every comparison is a ratio of figures measured in this run.
 */
const settings = parseBenchOptions(process.argv.slice(2), process.env);
if (settings.sections.includes('churn') && !HAPROXY) {
  process.stderr.write('[bench] the churn section needs haproxy (Debian: apt-get install haproxy); or leave it out: --only throughput,memory\n');
  process.exit(1);
}
const startedAt = Date.now();
const log = (message: string) => process.stdout.write(`[bench ${((Date.now() - startedAt) / 1000).toFixed(1)} s] ${message}\n`);
const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(0)} s`;
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const redisUrl = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';

// The load generator (autocannon, in this process) and the subgraphs (started from here, so
// inheriting it) on core 1; each gateway under test is started on core 0.
const GENERATOR_CORE = 1;
const pinned = pinSelf(GENERATOR_CORE);
log(pinned ? 'pinned: gateways under test on core 0, subgraphs and load generator on core 1' : `not pinned (${CAN_PIN ? 'taskset failed' : 'no taskset here'})`);

const stack = await startSubgraphStack({ products: settings.products, redisUrl, log });
let throughput: ThroughputCell[] = [];
let memory: MemoryResults | undefined;
let churn: ChurnResults | undefined;
const failures: { section: string; error: string }[] = [];
/** Runs one section; one that fails is reported, and the others still run and are written. */
const section = async (name: Section, run: () => Promise<void>) => {
  if (!settings.sections.includes(name)) return;
  try {
    await run();
    log(`${name} done after ${elapsed()}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    failures.push({ section: name, error: message.split('\n')[0] ?? message });
    log(`${name} FAILED after ${elapsed()}: ${message}`);
  }
};
try {
  log(`subgraphs ready after ${elapsed()}`);
  await section('throughput', async () => void (throughput = await measureThroughput(stack, settings, log, { generatorCore: pinned ? GENERATOR_CORE : undefined })));
  await section('memory', async () => void (memory = await measureMemory(stack, settings, log)));
  await section('churn', async () => void (churn = await measureChurn(stack, settings, log)));
} finally {
  await stack.stop();
}
const { markdown, path } = await writeReport({ settings, throughput, memory, churn, failures, seconds: (Date.now() - startedAt) / 1000, pinned });
process.stdout.write(`\n${markdown}\n\nreport written to ${path}\n`);
if (failures.length > 0) process.exitCode = 1;
