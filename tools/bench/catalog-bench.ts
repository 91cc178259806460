import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../compose/subgraph-list.js';
import { ensureDynamoDbLocal } from '../dynamodb-local/fetch.js';
import { startDynamoDbLocal } from '../dynamodb-local/run.js';
import { startBenchCatalog } from './bench-stack.js';
import { timeImportAgainstSeed, type ImportTiming } from './catalog-import-bench.js';
import { measure, type Measurement } from './measure.js';

/**
 * `npm run bench:catalog`: Browse and Search latency (p50/p99), throughput and DynamoDB calls
 * per request at the catalog subgraph, over 200 and 10,000 seeded products, in one run on one
 * in-memory DynamoDB Local. A script, not a test: numbers depend on the machine; the ratio
 * p50(10k)/p50(200) is what the issue asks to keep under 2. Then `catalog:import` of 10,000
 * products against the demo seed of as many, as a ratio of their times (under 1: the import is
 * faster), over `--rounds N` rounds (3 unless set) that alternate which goes first, with the
 * median and the range. `-- --import-only` runs that part alone.
 */
const SIZES = [200, 10_000] as const;
const IMPORT_PRODUCTS = 10_000;
const { values: options } = parseArgs({ options: { 'import-only': { type: 'boolean', default: false }, rounds: { type: 'string', default: '3' } } });
const importOnly = options['import-only'];
const importRounds = Number(options.rounds);
if (!Number.isInteger(importRounds) || importRounds < 1) throw new Error(`--rounds must be a whole number of at least 1, not ${options.rounds}`);
const SEARCHES = ['hoodie', 'merino', 'run', 'cotton jacket', 'nordic boot', 'mug', 'sho', 'alpine fleece'];
const log = (message: string) => process.stdout.write(`[bench] ${message}\n`);

const operations = await readFile(join(REPO_ROOT, 'clients/operations/operations.graphql'), 'utf8');
const operation = (name: string) => operations.split(/\n(?=query |mutation |fragment )/).find((block) => block.startsWith(`query ${name}(`)) as string;
const shapes = {
  Browse: { query: operation('Browse'), variables: (i: number) => ({ first: 20, ...(i % 2 ? { sort: 'PRICE_ASC' } : {}) }) },
  Search: { query: operation('Search'), variables: (i: number) => ({ first: 20, query: SEARCHES[i % SEARCHES.length] }) },
};

const { emulatorDir } = await ensureDynamoDbLocal({ log });
const dynamodb = await startDynamoDbLocal({ emulatorDir });
const results: { products: number; operation: string; result: Measurement; startSeconds: number }[] = [];
let importTiming: ImportTiming | undefined;
try {
  for (const products of importOnly ? [] : SIZES) {
    const bench = await startBenchCatalog({ endpoint: dynamodb.endpoint, products, redisUrl: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379', log });
    log(`catalog with ${products} products ready in ${bench.startSeconds.toFixed(2)} s`);
    for (const [name, shape] of Object.entries(shapes)) {
      const send = async (i: number) => {
        const response = await fetch(bench.catalogUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: shape.query, variables: shape.variables(i) }),
        });
        const body = (await response.json()) as { errors?: { message: string }[] };
        if (!response.ok || body.errors) throw new Error(`${name} failed: ${JSON.stringify(body.errors ?? response.status)}`);
      };
      const result = await measure({ send, dynamoCalls: bench.dynamoCalls, warmup: 200, samples: 1_000, concurrency: 16, throughputMs: 3_000 });
      results.push({ products, operation: name, result, startSeconds: bench.startSeconds });
      log(`${name} @ ${products}: p50 ${result.p50Ms.toFixed(2)} ms`);
    }
    await bench.stop();
  }
  importTiming = await timeImportAgainstSeed({ endpoint: dynamodb.endpoint, products: IMPORT_PRODUCTS, rounds: importRounds, log });
} finally {
  await dynamodb.stop();
}

const rows = results.map(({ products, operation: name, result }) => {
  const small = results.find((r) => r.operation === name && r.products === SIZES[0])!.result;
  return {
    operation: name,
    products,
    p50: result.p50Ms.toFixed(2),
    p99: result.p99Ms.toFixed(2),
    rps: result.requestsPerSecond.toFixed(0),
    dynamo: result.dynamoCallsPerRequest.toFixed(2),
    ratio: products === SIZES[0] ? '' : (result.p50Ms / small.p50Ms).toFixed(2),
  };
});
const table = [
  '| operation | products | p50 ms | p99 ms | req/s (16 in flight) | DynamoDB calls/request | p50 / p50(200) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.operation} | ${r.products} | ${r.p50} | ${r.p99} | ${r.rps} | ${r.dynamo} | ${r.ratio} |`),
].join('\n');
const indexBuilds = results.filter((r) => r.operation === 'Browse').map((r) => `${r.products} products ${r.startSeconds.toFixed(2)} s`);
const header = `Node ${process.versions.node}, ${new Date().toISOString()}${indexBuilds.length > 0 ? `; index build at start: ${indexBuilds.join(', ')}` : ''}`;
const importLine = importTiming
  ? [
      `catalog:import of ${importTiming.products} products (${importTiming.rows} rows) against the demo seed of as many, ${importTiming.rounds.length} rounds:`,
      `import / seed median ${importTiming.ratio.toFixed(2)} (${importTiming.ratioMin.toFixed(2)}–${importTiming.ratioMax.toFixed(2)});`,
      `medians: import ${importTiming.importSeconds.toFixed(1)} s, seed ${importTiming.seedSeconds.toFixed(1)} s, re-run of the same file (writes nothing) ${importTiming.rerunSeconds.toFixed(1)} s`,
    ].join(' ')
  : '';
process.stdout.write(`\n${header}\n\n${results.length > 0 ? `${table}\n\n` : ''}${importLine}\n\n`);
const folder = join(REPO_ROOT, 'tools/bench/results');
await mkdir(folder, { recursive: true });
const file = join(folder, `catalog-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
await writeFile(file, `${JSON.stringify({ header, results, table, import: importTiming }, null, 2)}\n`);
log(`results written to ${file}`);
