import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../compose/subgraph-list.js';
import { ensureDynamoDbLocal } from '../dynamodb-local/fetch.js';
import { startDynamoDbLocal } from '../dynamodb-local/run.js';
import { startBenchCheckout } from './checkout-bench-stack.js';

/**
 * `npm run bench:checkout`: placeOrder latency (p50/p99) and DynamoDB calls per order,
 * counted by a middleware on checkout's own DynamoDB client; then the last-units race, 100
 * buyers for 10 units, reporting oversells (goal 0) and the time until every buyer has an
 * answer. A script, not a test: times depend on the machine; the counts do not.
 */
const WARMUP = 30;
const ORDERS = 300;
const BUYERS = 100;
const UNITS = 10;
const log = (message: string) => process.stdout.write(`[bench] ${message}\n`);

const { emulatorDir } = await ensureDynamoDbLocal({ log });
const dynamodb = await startDynamoDbLocal({ emulatorDir });
let report: Record<string, unknown>;
try {
  const bench = await startBenchCheckout({ endpoint: dynamodb.endpoint, products: 50, redisUrl: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379' });
  try {
    const [hot, race] = bench.variantIds;
    await bench.inventory.putQuantities(new Map([[hot!, 1_000_000]]));

    // Latency: one order at a time, each from a new shopper with a one-line cart.
    const latencies: number[] = [];
    const counted = new Map<string, number>();
    for (let i = 0; i < WARMUP + ORDERS; i++) {
      const shopper = bench.shopper();
      await shopper.add(hot!, 1);
      // Counted around placeOrder alone (orders run one at a time), in every service it reaches.
      const before = bench.dynamoCalls();
      const startedAt = process.hrtime.bigint();
      const outcome = await shopper.place();
      if (i >= WARMUP) {
        latencies.push(Number(process.hrtime.bigint() - startedAt) / 1e6);
        for (const [name, count] of bench.dynamoCalls()) counted.set(name, (counted.get(name) ?? 0) + count - (before.get(name) ?? 0));
      }
      if (outcome.status !== 'PAID') throw new Error(`order ${i} was not paid: ${JSON.stringify(outcome)}`);
    }
    const perOrder = Object.fromEntries([...counted].filter(([, n]) => n > 0).sort().map(([name, n]) => [name, n / ORDERS]));
    latencies.sort((a, b) => a - b);
    const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;

    // The race: 100 shoppers, one unit each, all placing at once for the last 10 units.
    await bench.inventory.putQuantities(new Map([[race!, UNITS]]));
    const buyers = Array.from({ length: BUYERS }, () => bench.shopper());
    for (const buyer of buyers) await buyer.add(race!, 1);
    const raceStart = Date.now();
    const outcomes = await Promise.all(buyers.map((buyer) => buyer.place()));
    const settleMs = Date.now() - raceStart;
    const remaining = (await bench.inventory.quantitiesByVariantIds([race!])).get(race!) ?? Number.NaN;
    const paid = outcomes.filter((o) => o.status === 'PAID').length;
    const outOfStock = outcomes.filter((o) => o.error === 'OUT_OF_STOCK').length;
    const other = outcomes.filter((o) => o.status !== 'PAID' && o.error !== 'OUT_OF_STOCK');

    report = {
      header: `Node ${process.versions.node}, ${new Date().toISOString()}`,
      placeOrder: { orders: ORDERS, p50Ms: pct(0.5), p99Ms: pct(0.99), dynamoCallsPerOrder: perOrder },
      race: { buyers: BUYERS, units: UNITS, paid, outOfStock, other: other.length, remaining, oversold: Math.max(0, paid - UNITS) + (remaining < 0 ? -remaining : 0), settleMs },
    };
  } finally {
    await bench.stop();
  }
} finally {
  await dynamodb.stop();
}

const { placeOrder, race } = report as {
  placeOrder: { p50Ms: number; p99Ms: number; dynamoCallsPerOrder: Record<string, number> };
  race: { paid: number; outOfStock: number; other: number; remaining: number; oversold: number; settleMs: number };
};
const calls = Object.entries(placeOrder.dynamoCallsPerOrder);
const table = [
  `placeOrder (${ORDERS} orders, one at a time): p50 ${placeOrder.p50Ms.toFixed(2)} ms, p99 ${placeOrder.p99Ms.toFixed(2)} ms`,
  `DynamoDB calls per order, all services: ${calls.reduce((sum, [, n]) => sum + n, 0).toFixed(2)} (${calls.map(([name, n]) => `${name} ${n.toFixed(2)}`).join(', ')})`,
  `last units: ${BUYERS} buyers for ${UNITS} units: ${race.paid} PAID, ${race.outOfStock} OUT_OF_STOCK, ${race.other} other; stock left ${race.remaining}; oversold ${race.oversold}; settled in ${race.settleMs} ms`,
].join('\n');
process.stdout.write(`\n${String(report['header'])}\n\n${table}\n\n`);
const folder = join(REPO_ROOT, 'bench/results');
await mkdir(folder, { recursive: true });
const file = join(folder, `checkout-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
await writeFile(file, `${JSON.stringify({ ...report, table }, null, 2)}\n`);
log(`results written to ${file}`);
if (race.oversold > 0) process.exitCode = 1;
