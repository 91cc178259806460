import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../compose/subgraph-list.js';
import { ensureDynamoDbLocal } from '../dynamodb-local/fetch.js';
import { startDynamoDbLocal } from '../dynamodb-local/run.js';
import { startBenchCheckout } from './checkout-bench-stack.js';
import { raceForLastUnits, type RaceReport } from './checkout/last-units-race.js';
import { measureOrders, type OrderLatency } from './checkout/order-latency.js';

/**
 * `npm run bench:checkout`: for a card paid at once (`tok_test_success`) and one that asks
 * for 3-D Secure (`tok_test_3ds`), placeOrder's latency (p50/p99), the whole 3-D Secure round
 * trip's, and DynamoDB calls per order by service and kind, counted by a middleware on each
 * service's own client; then the last-units race, 100 buyers for 10 units, 30 of them through
 * 3-D Secure and 20 of those abandoning it, reporting oversells, units left held, orders left
 * open and cart guards left behind (goal 0 each). A script, not a test: times depend on the
 * machine; the counts do not.
 */
const WARMUP = 30;
const ORDERS = 300;
const RACE = { buyers: 100, units: 10, threeDSecure: 30, abandon: 20 };
/** Past every hold an unpaid order can have (STOCK_HOLD_MS defaults to 15 minutes). */
const PAST_EVERY_HOLD_MS = 24 * 3600_000;
const log = (message: string) => process.stdout.write(`[bench] ${message}\n`);

const { emulatorDir } = await ensureDynamoDbLocal({ log });
const dynamodb = await startDynamoDbLocal({ emulatorDir });
let report: { header: string; orders: Record<string, OrderLatency>; race: RaceReport };
try {
  const bench = await startBenchCheckout({ endpoint: dynamodb.endpoint, products: 50, redisUrl: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379' });
  try {
    const [hot, race] = bench.variantIds;
    await bench.inventory.putQuantities(new Map([[hot!, 1_000_000]]));
    const orders: Record<string, OrderLatency> = {};
    for (const token of ['tok_test_success', 'tok_test_3ds']) {
      log(`${ORDERS} orders with ${token}, one at a time`);
      orders[token] = await measureOrders(bench, { variantId: hot!, token, orders: ORDERS, warmup: WARMUP });
    }
    log(`the last ${RACE.units} units: ${RACE.buyers} buyers at once`);
    const raced = await raceForLastUnits(bench, race!, RACE, () => new Date(Date.now() + PAST_EVERY_HOLD_MS));
    report = { header: `Node ${process.versions.node}, ${new Date().toISOString()}`, orders, race: raced };
  } finally {
    await bench.stop();
  }
} finally {
  await dynamodb.stop();
}

const ms = (figure: { p50Ms: number; p99Ms: number }) => `p50 ${figure.p50Ms.toFixed(2)} ms, p99 ${figure.p99Ms.toFixed(2)} ms`;
const lines: string[] = [];
for (const [token, figures] of Object.entries(report.orders)) {
  const calls = Object.entries(figures.dynamoCallsPerOrder);
  lines.push(`${token}: placeOrder ${ms(figures.placeOrder)}${figures.roundTrip ? `; placeOrder + confirmPayment ${ms(figures.roundTrip)}` : ''} (${figures.orders} orders, one at a time)`);
  lines.push(`  DynamoDB calls per order, all services: ${calls.reduce((sum, [, n]) => sum + n, 0).toFixed(2)} (${calls.map(([name, n]) => `${name} ${n.toFixed(2)}`).join(', ')})`);
}
const r = report.race;
lines.push(
  `last units: ${r.buyers} buyers for ${r.units} units (${r.threeDSecure} through 3-D Secure, ${r.abandon} abandoning it): ${r.paid} PAID, ${r.outOfStock} OUT_OF_STOCK, ${r.abandoned} abandoned, ${r.other} other; settled in ${r.settleMs} ms`,
  `  after recovery: stock left ${r.remaining}; oversold ${r.oversold}; units still held ${r.unitsStillHeld}; orders still open ${r.ordersStillOpen}; cart guards of unpaid orders ${r.cartGuardsOfUnpaidOrders}`,
);
const table = lines.join('\n');
process.stdout.write(`\n${report.header}\n\n${table}\n\n`);
const folder = join(REPO_ROOT, 'tools/bench/results');
await mkdir(folder, { recursive: true });
const file = join(folder, `checkout-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
await writeFile(file, `${JSON.stringify({ ...report, table }, null, 2)}\n`);
log(`results written to ${file}`);
if (r.oversold > 0 || r.unitsStillHeld !== 0 || r.ordersStillOpen > 0 || r.cartGuardsOfUnpaidOrders > 0) process.exitCode = 1;
