import type { Logger } from '@shopgraph/shared';
import type { StockClient } from '../peers/stock-client.js';
import type { CartRepository } from '../store/cart-repository.js';
import { isExpired, type Cart, type CartLine } from './cart.js';
import { MAX_LINE_QUANTITY, MAX_LINES } from './cart-limits.js';
import { newCartId } from './cart-rules.js';
import type { CartMergeReport } from './merge-report.js';

/** Each repeat means the customer's cart changed on another device meanwhile. */
const MAX_ATTEMPTS = 5;

export type MergeOutcome =
  /** This call moved the guest lines. */
  | { outcome: 'merged'; report: CartMergeReport; cart: Cart }
  /** An earlier call did: the same report again, nothing changed. */
  | { outcome: 'already-merged'; report: CartMergeReport }
  /** No guest cart with lines (none, expired, empty, or checked out). */
  | { outcome: 'nothing-to-merge' }
  /**
   * An order holding the guest cart (or the customer's) is being paid: nothing moved. Paid, the
   * guest cart is CHECKED_OUT and nothing is left to merge; declined, it is ACTIVE again and
   * merges. Until then the gateway asks again on the session's later requests.
   */
  | { outcome: 'pending'; heldCart: 'guest' | 'customer' };

/**
 * Moves a guest cart's lines into the customer's cart at sign-in: quantities are summed per
 * variant, new variants appended, each capped by the per-line limit, the line limit and the
 * stock (when checkout answers), and the guest cart becomes MERGED with the report on it.
 * Exactly once: the guest cart's status changes in the same transaction as the customer's cart,
 * so a retried hand-over only reads the report back, and two guest devices signing in at the
 * same moment both land (the second re-reads the customer's cart and adds to it). A cart an
 * order holds is never written: merging a guest cart under a pending order would have its paid
 * lines bought again from the customer's cart, and the customer's held cart cannot change.
 */
export async function mergeGuestCart(
  deps: { carts: CartRepository; stock: StockClient; logger: Logger; requestId: string },
  guestSessionId: string,
  customerId: string,
): Promise<MergeOutcome> {
  const owner = { kind: 'customer' as const, customerId };
  let available: Map<string, number> | undefined;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const now = new Date();
    const guest = await deps.carts.findStored({ kind: 'session', sessionId: guestSessionId }, now);
    if (guest?.status === 'MERGED' && guest.mergeReport) return { outcome: 'already-merged', report: guest.mergeReport };
    if (!guest || isExpired(guest, now)) return { outcome: 'nothing-to-merge' };
    if (guest.status === 'PENDING_ORDER') return { outcome: 'pending', heldCart: 'guest' };
    if (guest.status !== 'ACTIVE' || guest.lines.length === 0) return { outcome: 'nothing-to-merge' };
    const stored = await deps.carts.findStored(owner, now);
    if (stored?.status === 'PENDING_ORDER' && !isExpired(stored, now)) return { outcome: 'pending', heldCart: 'customer' };
    available ??= await deps.stock.availableQuantities(guest.lines.map((line) => line.variantId), deps.requestId).catch((error: unknown) => {
      deps.logger.warn({ err: { message: (error as Error).message } }, 'stock unknown; guest lines are merged without the stock cut');
      return undefined;
    });
    const live = stored && stored.status === 'ACTIVE' && !isExpired(stored, now) ? stored : undefined;
    const base: Cart = live ?? {
      id: newCartId(),
      owner,
      version: (stored?.version ?? 0) + 1,
      status: 'ACTIVE',
      lines: [],
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      expiresAt: now.toISOString(),
    };
    const { cart, report } = combine(base, guest.lines, available, now);
    // An existing live cart is replaced at its next version; a new one replaces whatever was stored.
    const saved = await deps.carts.saveMerge(guest, { ...cart, version: live ? live.version + 1 : base.version }, stored, report);
    if (saved) return { outcome: 'merged', report, cart: saved };
  }
  throw new Error(`the customer's cart kept changing; the guest cart hand-over gave up after ${MAX_ATTEMPTS} attempts`);
}

/** Pure: the customer's cart with the guest lines in it, and what that did. */
export function combine(target: Cart, guestLines: readonly CartLine[], available: ReadonlyMap<string, number> | undefined, now: Date): { cart: Cart; report: CartMergeReport } {
  const lines = target.lines.map((line) => ({ ...line }));
  const report: CartMergeReport = { linesAdded: 0, linesCombined: 0, capped: [] };
  guestLines.forEach((guestLine, index) => {
    const stock = available ? (available.get(guestLine.variantId) ?? 0) : Number.POSITIVE_INFINITY;
    const existing = lines.find((line) => line.variantId === guestLine.variantId);
    const current = existing?.quantity ?? 0;
    const wanted = current + guestLine.quantity;
    const limit = Math.min(MAX_LINE_QUANTITY, Math.max(current, stock));
    const kept = Math.min(wanted, limit);
    if (!existing && lines.length >= MAX_LINES) {
      report.capped.push({ variantId: guestLine.variantId, requested: guestLine.quantity, kept: 0, reason: 'CART_LINE_LIMIT' });
      return;
    }
    if (kept < wanted) {
      const reason = wanted > MAX_LINE_QUANTITY && limit === MAX_LINE_QUANTITY ? 'LINE_QUANTITY_LIMIT' : 'STOCK';
      report.capped.push({ variantId: guestLine.variantId, requested: guestLine.quantity, kept: kept - current, reason });
    }
    if (existing) {
      if (kept > current) report.linesCombined++;
      existing.quantity = kept;
    } else if (kept > 0) {
      report.linesAdded++;
      // After the customer's own lines, in the guest cart's order.
      lines.push({ ...guestLine, quantity: kept, addedAt: new Date(now.getTime() + index).toISOString() });
    }
  });
  return { cart: { ...target, status: 'ACTIVE', lines, updatedAt: now.toISOString() }, report };
}
