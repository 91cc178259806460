import type { Money } from '../domain/order.js';

export interface ChargeRequest {
  /**
   * The order id. The provider keeps one charge per key: asking again with the same key
   * answers the first charge's outcome and never charges twice.
   */
  idempotencyKey: string;
  /** The shopper's single-use payment token from the provider's client SDK. */
  token: string;
  amount: Money;
}

export type ChargeOutcome = { status: 'succeeded'; chargeId: string } | { status: 'declined'; reason: string };

/** What the provider knows about the charge under a key, for recovery. */
export type ChargeLookup = ChargeOutcome | { status: 'not-found' };

/**
 * The provider could not answer: an error, or no answer within the time allowed. The charge
 * may or may not have been taken; the order stays PENDING_PAYMENT until `lookup` tells.
 */
export class PaymentProviderError extends Error {
  constructor(
    readonly failure: 'error' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'PaymentProviderError';
  }
}

/**
 * A payment provider (Stripe, Adyen, the test provider). Every implementation passes the
 * contract suite in test/support/payment-provider-contract.ts.
 */
export interface PaymentProvider {
  /** Charges once per idempotency key; throws PaymentProviderError when the outcome is unknown. */
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  /** The outcome of the charge under this key, or not-found if none was ever taken; throws PaymentProviderError. */
  lookup(idempotencyKey: string): Promise<ChargeLookup>;
}
