import type { PaymentEvent, PaymentLookup, PaymentResult } from '../payment/payment-provider.js';
import { summarizePayment } from '../payment/payment-summary.js';
import type { Money, OrderPaymentAction } from './order.js';

/**
 * What checkout learnt about an order's payment, whoever told it: the provider's answer to
 * authorize, confirm or capture, a webhook, or recovery's lookup. settlePayment moves the
 * order on a fact the same way whichever source it came from, so the client's confirmation,
 * the webhook and recovery converge on one state.
 */
export type PaymentFact =
  /** `amount` is everything captured; `transactionReference` names the capture itself, when known. */
  | { state: 'captured'; amount: Money; reference: string; transactionReference?: string }
  | { state: 'authorized'; amount: Money; reference: string }
  | { state: 'requires_action'; reference: string; action?: OrderPaymentAction }
  | { state: 'pending'; reference?: string }
  | { state: 'declined'; reason: string; reference?: string }
  | { state: 'voided'; reference?: string }
  /** The provider has no payment for the order. */
  | { state: 'none' };

export function factOfResult(result: PaymentResult): PaymentFact {
  switch (result.status) {
    case 'captured':
    case 'authorized':
      return { state: result.status, amount: result.amount, reference: result.paymentReference };
    case 'requires_action':
      return { state: 'requires_action', reference: result.paymentReference, action: { ...result.action } };
    case 'pending':
      return { state: 'pending', reference: result.paymentReference };
    case 'declined':
      return { state: 'declined', reason: result.reason, ...(result.paymentReference ? { reference: result.paymentReference } : {}) };
  }
}

/** Recovery's question answered: the payment as its transactions add up. */
export function factOfLookup(lookup: PaymentLookup | null, currencyCode: string): PaymentFact {
  if (!lookup) return { state: 'none' };
  const summary = summarizePayment(lookup);
  const reference = lookup.paymentReference;
  switch (summary.state) {
    case 'captured':
      return { state: 'captured', amount: { amount: summary.captured, currencyCode }, reference };
    case 'authorized':
      return { state: 'authorized', amount: { amount: summary.authorized, currencyCode }, reference };
    case 'declined': {
      const failed = lookup.transactions.findLast((t) => t.type === 'authorization' && t.status === 'failed');
      return { state: 'declined', reason: failed?.failureReason ?? 'The payment was declined.', reference };
    }
    case 'voided':
    case 'requires_action':
    case 'pending':
      return { state: summary.state, reference };
  }
}

/** A webhook's event as a fact; undefined for events that say nothing about the order's state (processing, a failed capture, a refund). */
export function factOfEvent(event: PaymentEvent): PaymentFact | undefined {
  const reference = event.paymentReference;
  switch (event.type) {
    case 'payment.captured':
    case 'payment.authorized':
      // An event without an amount cannot settle an order: the amount is what is checked.
      return event.amount ? { state: event.type === 'payment.captured' ? 'captured' : 'authorized', amount: event.amount, reference } : undefined;
    case 'payment.requires_action':
      // Carries no action for the client: placeOrder's answer did.
      return { state: 'requires_action', reference };
    case 'payment.failed':
      return { state: 'declined', reason: event.reason ?? 'The payment was declined.', reference };
    case 'payment.voided':
      return { state: 'voided', reference };
    default:
      return undefined;
  }
}
