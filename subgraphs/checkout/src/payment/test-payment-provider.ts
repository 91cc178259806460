import { randomBytes } from 'node:crypto';
import { PaymentProviderError, type ChargeLookup, type ChargeOutcome, type ChargeRequest, type PaymentProvider } from './payment-provider.js';

/**
 * The tokens the test provider understands (README: "Payment test tokens"). Any other token
 * is declined as invalid, like a real provider refusing a token it never issued.
 */
export const TEST_PAYMENT_TOKENS = {
  /** Charged. */
  success: 'tok_test_success',
  /** Declined by the card issuer; nothing charged. */
  decline: 'tok_test_decline',
  /** The provider fails before charging: nothing charged, the outcome unknown to checkout. */
  error: 'tok_test_error',
  /** The provider charges but its answer never arrives: charged, the outcome unknown to checkout. */
  timeout: 'tok_test_timeout',
} as const;

export interface TestPaymentProvider extends PaymentProvider {
  /** Charges taken, by idempotency key: what the tests count. */
  charges(): ReadonlyMap<string, { chargeId: string; amount: number; currencyCode: string }>;
  /** Calls to charge(), including repeats under one key. */
  chargeCalls(): number;
}

/**
 * Deterministic on the token and keeps its ledger in this process, standing in for a
 * provider's own records: for tests and local development only. A restarted process forgets
 * its charges, so recovery then treats pending orders as never charged.
 */
export function createTestPaymentProvider(): TestPaymentProvider {
  const ledger = new Map<string, { request: ChargeRequest; outcome: ChargeOutcome }>();
  let calls = 0;

  return {
    async charge(request) {
      calls++;
      if (!Number.isInteger(request.amount.amount) || request.amount.amount <= 0) {
        throw new PaymentProviderError('error', 'amount must be a positive whole number of minor units');
      }
      const earlier = ledger.get(request.idempotencyKey);
      if (earlier) {
        // A provider refuses a key reused for another amount rather than guess which was meant.
        if (earlier.request.amount.amount !== request.amount.amount || earlier.request.amount.currencyCode !== request.amount.currencyCode) {
          throw new PaymentProviderError('error', 'idempotency key reused with another amount');
        }
        return earlier.outcome;
      }
      switch (request.token) {
        case TEST_PAYMENT_TOKENS.error:
          throw new PaymentProviderError('error', 'test provider error (nothing charged)');
        case TEST_PAYMENT_TOKENS.timeout:
          ledger.set(request.idempotencyKey, { request, outcome: { status: 'succeeded', chargeId: newChargeId() } });
          throw new PaymentProviderError('timeout', 'test provider did not answer in time (charged)');
        case TEST_PAYMENT_TOKENS.success: {
          const outcome: ChargeOutcome = { status: 'succeeded', chargeId: newChargeId() };
          ledger.set(request.idempotencyKey, { request, outcome });
          return outcome;
        }
        default: {
          const outcome: ChargeOutcome = {
            status: 'declined',
            reason: request.token === TEST_PAYMENT_TOKENS.decline ? 'card declined' : 'unknown payment token',
          };
          ledger.set(request.idempotencyKey, { request, outcome });
          return outcome;
        }
      }
    },

    async lookup(idempotencyKey): Promise<ChargeLookup> {
      return ledger.get(idempotencyKey)?.outcome ?? { status: 'not-found' };
    },

    charges() {
      const taken = new Map<string, { chargeId: string; amount: number; currencyCode: string }>();
      for (const [key, { request, outcome }] of ledger) {
        if (outcome.status === 'succeeded') taken.set(key, { chargeId: outcome.chargeId, ...request.amount });
      }
      return taken;
    },

    chargeCalls: () => calls,
  };
}

function newChargeId(): string {
  return `ch_test_${randomBytes(9).toString('base64url')}`;
}
