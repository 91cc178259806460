import type { BenchCheckout } from '../checkout-bench-stack.js';

export interface OrderLatency {
  orders: number;
  /** placeOrder alone; for 3-D Secure, the answer REQUIRES_ACTION. */
  placeOrder: { p50Ms: number; p99Ms: number };
  /** placeOrder then confirmPayment, until PAID; absent for a payment that needs no action. */
  roundTrip?: { p50Ms: number; p99Ms: number };
  /** Every service's DynamoDB calls per order, by `service command`: counted, not estimated. */
  dynamoCallsPerOrder: Record<string, number>;
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const spread = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99) };
};
const elapsedMs = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

/**
 * Orders one at a time, each from a new shopper with a one-line cart of `variantId`, paid with
 * `token`; a 3-D Secure token's order is confirmed as the shopper would after the bank's step.
 * The first `warmup` orders are not measured.
 */
export async function measureOrders(bench: BenchCheckout, { variantId, token, orders, warmup }: { variantId: string; token: string; orders: number; warmup: number }): Promise<OrderLatency> {
  const placing: number[] = [];
  const roundTrips: number[] = [];
  const counted = new Map<string, number>();
  for (let i = 0; i < warmup + orders; i++) {
    const shopper = bench.shopper();
    await shopper.add(variantId, 1);
    const before = bench.dynamoCalls();
    const startedAt = process.hrtime.bigint();
    let outcome = await shopper.place(token);
    const placed = elapsedMs(startedAt);
    if (outcome.status === 'REQUIRES_ACTION') {
      outcome = await shopper.confirm(outcome.orderId!);
      if (i >= warmup) roundTrips.push(elapsedMs(startedAt));
    }
    if (outcome.status !== 'PAID') throw new Error(`order ${i} (${token}) was not paid: ${JSON.stringify(outcome)}`);
    if (i < warmup) continue;
    placing.push(placed);
    for (const [name, count] of bench.dynamoCalls()) counted.set(name, (counted.get(name) ?? 0) + count - (before.get(name) ?? 0));
  }
  return {
    orders,
    placeOrder: spread(placing),
    ...(roundTrips.length > 0 ? { roundTrip: spread(roundTrips) } : {}),
    dynamoCallsPerOrder: Object.fromEntries([...counted].filter(([, n]) => n > 0).sort().map(([name, n]) => [name, n / orders])),
  };
}
