import type { PaymentLookup } from './payment-provider.js';

/** Where a payment stands, read from its transactions (the last word of each kind wins). */
export type PaymentState = 'requires_action' | 'pending' | 'authorized' | 'captured' | 'declined' | 'voided';

export interface PaymentSummary {
  state: PaymentState;
  /** Minor units, in the payment's currency. */
  authorized: number;
  captured: number;
  /** Refunds succeeded or still pending: what can no longer be refunded. */
  refunded: number;
}

/**
 * Folds a lookup's transactions into one state, the way recovery and the order's state
 * machine need it. Pure, so every provider's lookup is read the same way.
 */
export function summarizePayment(lookup: PaymentLookup): PaymentSummary {
  const sum = (type: string, statuses: readonly string[]) =>
    lookup.transactions.filter((t) => t.type === type && statuses.includes(t.status)).reduce((total, t) => total + t.amount.amount, 0);
  const authorization = lookup.transactions.findLast((t) => t.type === 'authorization');
  const summary = { authorized: sum('authorization', ['succeeded']), captured: sum('capture', ['succeeded']), refunded: sum('refund', ['succeeded', 'pending']) };
  if (lookup.transactions.some((t) => t.type === 'void' && t.status === 'succeeded')) return { state: 'voided', ...summary };
  if (summary.captured > 0) return { state: 'captured', ...summary };
  switch (authorization?.status) {
    case 'succeeded':
      return { state: 'authorized', ...summary };
    case 'failed':
      return { state: 'declined', ...summary };
    case 'requires_action':
      return { state: 'requires_action', ...summary };
    default:
      return { state: 'pending', ...summary };
  }
}
