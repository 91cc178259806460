import type { BenchCheckout, PlacedOutcome } from '../checkout-bench-stack.js';

export interface RaceShape {
  buyers: number;
  units: number;
  /** Buyers whose card asks for 3-D Secure; the rest pay at once. */
  threeDSecure: number;
  /** Of those, how many never come back from the bank's step: their holds must expire. */
  abandon: number;
}

export interface RaceReport extends RaceShape {
  paid: number;
  outOfStock: number;
  abandoned: number;
  other: number;
  /** Stock left once every abandoned hold has expired and recovery has run. */
  remaining: number;
  /** Units sold beyond the stock there was; goal 0. */
  oversold: number;
  /** Units neither sold nor back in stock (a hold nobody released); goal 0. */
  unitsStillHeld: number;
  /** Orders still waiting (PENDING_PAYMENT, REQUIRES_ACTION); goal 0. */
  ordersStillOpen: number;
  /** Cart guards of orders that ended unpaid (cancelled, failed): their carts must be free again; goal 0. */
  cartGuardsOfUnpaidOrders: number;
  /** From the start until every buyer had an answer (confirmations included). */
  settleMs: number;
}

/** Fisher-Yates with Math.random: the order in which buyers of each kind arrive is mixed. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The last units of `variantId`: every buyer places an order for one unit at the same moment.
 * 3-D Secure buyers hold a unit while the bank's step is open; those who abandon never confirm,
 * and recovery, run as of a time past their holds, voids them and gives their units back. The
 * ledger then has to add up: units paid for plus stock left equal the stock there was.
 */
export async function raceForLastUnits(bench: BenchCheckout, variantId: string, shape: RaceShape, pastEveryHold: () => Date): Promise<RaceReport> {
  await bench.inventory.putQuantities(new Map([[variantId, shape.units]]));
  const kinds = shuffled(
    Array.from({ length: shape.buyers }, (_, index) => (index < shape.abandon ? 'abandons' : index < shape.threeDSecure ? 'confirms' : 'pays')),
  );
  const buyers = kinds.map((kind) => ({ kind, shopper: bench.shopper() }));
  for (const { shopper } of buyers) await shopper.add(variantId, 1);

  const startedAt = Date.now();
  const outcomes = await Promise.all(
    buyers.map(async ({ kind, shopper }): Promise<PlacedOutcome & { abandoned?: boolean }> => {
      const placed = await shopper.place(kind === 'pays' ? 'tok_test_success' : 'tok_test_3ds');
      if (placed.status !== 'REQUIRES_ACTION') return placed;
      return kind === 'abandons' ? { ...placed, abandoned: true } : shopper.confirm(placed.orderId!);
    }),
  );
  const settleMs = Date.now() - startedAt;

  // Two passes: the first voids and cancels what was abandoned, the second finds nothing left due.
  await bench.recover(pastEveryHold());
  await bench.recover(pastEveryHold());
  const remaining = (await bench.inventory.quantitiesByVariantIds([variantId])).get(variantId) ?? Number.NaN;
  const census = await bench.orderCensus();
  const unitsPaid = census.unitsPaid[variantId] ?? 0;
  const open = (census.byStatus['PENDING_PAYMENT'] ?? 0) + (census.byStatus['REQUIRES_ACTION'] ?? 0);
  const paid = outcomes.filter((o) => o.status === 'PAID').length;
  const outOfStock = outcomes.filter((o) => o.error === 'OUT_OF_STOCK').length;
  const abandoned = outcomes.filter((o) => o.abandoned).length;
  // A paid order keeps its cart's guard (that cart is closed for good); one that ended unpaid gives it back.
  const endedUnpaid = (census.byStatus['CANCELLED'] ?? 0) + (census.byStatus['PAYMENT_FAILED'] ?? 0);
  const total = Object.values(census.byStatus).reduce((sum, n) => sum + n, 0);
  return {
    ...shape,
    paid,
    outOfStock,
    abandoned,
    other: outcomes.length - paid - outOfStock - abandoned,
    remaining,
    oversold: Math.max(0, unitsPaid - shape.units) + Math.max(0, -remaining),
    unitsStillHeld: shape.units - unitsPaid - remaining,
    ordersStillOpen: open,
    cartGuardsOfUnpaidOrders: Math.max(0, census.cartGuards - (total - endedUnpaid)),
    settleMs,
  };
}
