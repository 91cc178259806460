import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../compose/subgraph-list.js';
import { sendContractOperation } from '../contract/contract-client.js';
import { ensureDynamoDbLocal } from '../dynamodb-local/fetch.js';
import { startDynamoDbLocal } from '../dynamodb-local/run.js';
import { startCartBenchStack, type CartCounters } from './cart/cart-bench-stack.js';

/**
 * npm run bench:cart: AddToCart and Cart through the gateway for 1, 10 and 50 concurrent
 * clients, all devices of one customer or one device each of many customers. Reports
 * throughput, p50/p99, refusals (goal: none), units lost or doubled (checked against the carts
 * afterwards), and the cart subgraph's DynamoDB calls and catalog fetches per operation, read
 * from counters on its own clients. A benchmark, not a test: it measures and reports.
 */
const OPS = Number(process.env['BENCH_CART_OPS'] ?? 300);
const WARMUP = 30;
const CONCURRENCY = [1, 10, 50];
const VARIANTS = 20;
const log = (message: string) => process.stdout.write(`[bench:cart] ${message}\n`);

// The contract's own documents: the gateway runs only trusted ones in production.

interface Cell {
  clients: string;
  concurrency: number;
  operation: 'AddToCart' | 'Cart';
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  refusals: number;
  dynamoCallsPerOp: number;
  dynamoCallsByCommand: Record<string, number>;
  catalogFetchesPerOp: number;
  unitsLostOrDoubled?: number;
}

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const redisUrl = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
const { emulatorDir } = await ensureDynamoDbLocal({ log });
const dynamodb = await startDynamoDbLocal({ emulatorDir });
const stack = await startCartBenchStack({ endpoint: dynamodb.endpoint, redisUrl, products: 20 });
try {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const signIn = async (email: string, signUp: boolean): Promise<string> => {
    const credentials = { email, password: 'bench password 123', transport: 'BEARER' as const };
    const answer = signUp ? await sendContractOperation(stack.gatewayUrl, 'SignUp', { input: { ...credentials, name: 'Bench' } }) : await sendContractOperation(stack.gatewayUrl, 'SignIn', { input: credentials });
    const data = answer.data;
    const token = data && ('signUp' in data ? data.signUp.sessionToken : data.signIn.sessionToken);
    if (!token) throw new Error(`${signUp ? 'signUp' : 'signIn'} failed for ${email}: ${answer.text.slice(0, 300)}`);
    return token;
  };

  const max = Math.max(...CONCURRENCY);
  log(`signing in ${max} devices of one customer and ${max} customers`);
  const shared = `one-${Date.now()}@bench.example`;
  await signIn(shared, true);
  const oneCustomer: { token: string; owner: string }[] = [];
  for (let i = 0; i < max; i++) oneCustomer.push({ token: await signIn(shared, false), owner: shared });
  const manyCustomers: { token: string; owner: string }[] = [];
  for (let i = 0; i < max; i++) {
    const email = `many-${i}-${Date.now()}@bench.example`;
    manyCustomers.push({ token: await signIn(email, true), owner: email });
  }
  const variants = stack.variantIds.slice(0, VARIANTS);

  const totals = async (devices: { token: string; owner: string }[]) => {
    const byOwner = new Map<string, string>(devices.map((device) => [device.owner, device.token]));
    const result = new Map<string, number>();
    for (const [owner, token] of byOwner) {
      const { data } = await sendContractOperation(stack.gatewayUrl, 'Cart', {}, bearer(token));
      result.set(owner, data?.cart?.totalQuantity ?? 0);
    }
    return result;
  };

  const snapshot = (counters: CartCounters) => ({ calls: new Map(counters.dynamoCalls), fetches: counters.catalogFetches });
  const cells: Cell[] = [];
  for (const [clients, pool] of [
    ['one customer', oneCustomer],
    ['many customers', manyCustomers],
  ] as const) {
    for (const concurrency of CONCURRENCY) {
      const devices = pool.slice(0, concurrency);
      for (const operation of ['AddToCart', 'Cart'] as const) {
        const send = (device: { token: string }, i: number) =>
          operation === 'AddToCart'
            ? sendContractOperation(stack.gatewayUrl, 'AddToCart', { variantId: variants[i % variants.length]!, quantity: 1 }, bearer(device.token)).then(
                (answer) => answer.ok && answer.data?.addToCart.errors.length === 0,
              )
            : sendContractOperation(stack.gatewayUrl, 'Cart', {}, bearer(device.token)).then((answer) => answer.ok);
        for (let i = 0; i < WARMUP; i++) await send(devices[i % devices.length]!, i);
        const before = await totals(devices);
        const counted = snapshot(stack.counters);
        const latencies: number[] = [];
        const succeededByOwner = new Map<string, number>();
        let refusals = 0;
        let next = 0;
        const startedAt = process.hrtime.bigint();
        await Promise.all(
          devices.map(async (device) => {
            while (next < OPS) {
              const i = next++;
              const at = process.hrtime.bigint();
              const ok = await send(device, i);
              latencies.push(Number(process.hrtime.bigint() - at) / 1e6);
              if (!ok) refusals++;
              else succeededByOwner.set(device.owner, (succeededByOwner.get(device.owner) ?? 0) + 1);
            }
          }),
        );
        const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
        const byCommand: Record<string, number> = {};
        let calls = 0;
        for (const [name, count] of stack.counters.dynamoCalls) {
          const delta = count - (counted.calls.get(name) ?? 0);
          if (delta > 0) byCommand[name] = Number((delta / OPS).toFixed(2));
          calls += delta;
        }
        latencies.sort((a, b) => a - b);
        const cell: Cell = {
          clients,
          concurrency,
          operation,
          requestsPerSecond: OPS / seconds,
          p50Ms: latencies[Math.floor(latencies.length * 0.5)]!,
          p99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))]!,
          refusals,
          dynamoCallsPerOp: calls / OPS,
          dynamoCallsByCommand: byCommand,
          catalogFetchesPerOp: (stack.counters.catalogFetches - counted.fetches) / OPS,
        };
        if (operation === 'AddToCart') {
          // Every accepted add is one unit: the carts must have grown by exactly that many.
          const after = await totals(devices);
          cell.unitsLostOrDoubled = [...after].reduce((sum, [owner, total]) => sum + Math.abs(total - (before.get(owner) ?? 0) - (succeededByOwner.get(owner) ?? 0)), 0);
        }
        cells.push(cell);
        log(
          `${clients}, ${concurrency} in flight, ${operation}: ${cell.requestsPerSecond.toFixed(0)} req/s, p50 ${cell.p50Ms.toFixed(1)} ms, p99 ${cell.p99Ms.toFixed(1)} ms, refusals ${refusals}, DynamoDB ${cell.dynamoCallsPerOp.toFixed(2)}/op, catalog ${cell.catalogFetchesPerOp.toFixed(2)}/op`,
        );
      }
    }
  }

  const table = [
    '| clients | in flight | operation | req/s | p50 ms | p99 ms | refusals | units lost or doubled | DynamoDB calls/op (by command) | catalog fetches/op |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
    ...cells.map(
      (cell) =>
        `| ${cell.clients} | ${cell.concurrency} | ${cell.operation} | ${cell.requestsPerSecond.toFixed(0)} | ${cell.p50Ms.toFixed(1)} | ${cell.p99Ms.toFixed(1)} | ${cell.refusals} | ${cell.unitsLostOrDoubled ?? '–'} | ${cell.dynamoCallsPerOp.toFixed(2)} (${Object.entries(cell.dynamoCallsByCommand)
          .map(([name, perOp]) => `${name.replace(/Command$/, '')} ${perOp}`)
          .join(', ')}) | ${cell.catalogFetchesPerOp.toFixed(2)} |`,
    ),
  ].join('\n');
  process.stdout.write(`\n${table}\n\nGoal: no refusals, nothing lost or doubled; a Cart read one DynamoDB read and one catalog fetch; an add at most two DynamoDB calls and one catalog fetch.\n`);
  const outDir = join(REPO_ROOT, 'tools', 'bench', 'results');
  await mkdir(outDir, { recursive: true });
  const meta = { measuredAt: new Date().toISOString(), node: process.version, opsPerCell: OPS };
  await writeFile(join(outDir, 'cart.json'), `${JSON.stringify({ ...meta, cells }, null, 2)}\n`);
  await writeFile(join(outDir, 'cart.md'), `# npm run bench:cart\n\n${JSON.stringify(meta)}\n\n${table}\n`);
} finally {
  await stack.stop();
  await dynamodb.stop();
}
