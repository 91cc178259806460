import { describe, expect, it } from 'vitest';
import { PaymentProviderError } from '../src/payment/payment-provider.js';
import { createTestPaymentProvider, TEST_PAYMENT_TOKENS } from '../src/payment/test-payment-provider.js';
import { describePaymentProviderContract } from './support/payment-provider-contract.js';

describePaymentProviderContract('test provider', createTestPaymentProvider, TEST_PAYMENT_TOKENS);

describe('the test provider’s own tokens', () => {
  const amount = { amount: 500, currencyCode: 'USD' };

  it('when the token is the timeout token, then the charge is taken but the answer is a timeout', async () => {
    const provider = createTestPaymentProvider();
    const failure = await provider.charge({ idempotencyKey: 'ord_t', token: TEST_PAYMENT_TOKENS.timeout, amount }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PaymentProviderError);
    expect((failure as PaymentProviderError).failure).toBe('timeout');
    expect(await provider.lookup('ord_t')).toMatchObject({ status: 'succeeded' });
    expect(provider.charges().has('ord_t')).toBe(true);
  });

  it('when the token is unknown, then it is declined and nothing is charged', async () => {
    const provider = createTestPaymentProvider();
    expect(await provider.charge({ idempotencyKey: 'ord_u', token: 'tok_made_up', amount })).toEqual({ status: 'declined', reason: 'unknown payment token' });
    expect(provider.charges().size).toBe(0);
    // Control: the success token charges.
    await provider.charge({ idempotencyKey: 'ord_s', token: TEST_PAYMENT_TOKENS.success, amount });
    expect(provider.charges().size).toBe(1);
  });
});
