import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PaymentProviderError, type PaymentProvider } from '../../src/payment/payment-provider.js';

/** Tokens of the provider under test that produce each outcome (a sandbox's test cards, say). */
export interface ContractTokens {
  success: string;
  decline: string;
  /** Fails without charging. */
  error: string;
}

/**
 * What checkout relies on from any PaymentProvider. Run it against every implementation
 * (the test provider here; a real one against its sandbox) before checkout uses it.
 */
export function describePaymentProviderContract(name: string, create: () => PaymentProvider, tokens: ContractTokens): void {
  describe(`PaymentProvider contract: ${name}`, () => {
    const amount = { amount: 1234, currencyCode: 'USD' };

    it('when a charge succeeds, then lookup under its key answers the same charge', async () => {
      const provider = create();
      const key = `ord_${randomUUID()}`;
      const outcome = await provider.charge({ idempotencyKey: key, token: tokens.success, amount });
      expect(outcome).toEqual({ status: 'succeeded', chargeId: expect.any(String) as string });
      expect(await provider.lookup(key)).toEqual(outcome);
    });

    it('when the same key is charged twice, then the second answers the first charge and charges nothing more', async () => {
      const provider = create();
      const key = `ord_${randomUUID()}`;
      const first = await provider.charge({ idempotencyKey: key, token: tokens.success, amount });
      const second = await provider.charge({ idempotencyKey: key, token: tokens.success, amount });
      expect(second).toEqual(first);
      // Control: another key is another charge.
      const other = await provider.charge({ idempotencyKey: `ord_${randomUUID()}`, token: tokens.success, amount });
      expect(other.status === 'succeeded' && first.status === 'succeeded' && other.chargeId !== first.chargeId).toBe(true);
    });

    it('when a charge is declined, then it says so, and lookup answers declined', async () => {
      const provider = create();
      const key = `ord_${randomUUID()}`;
      expect(await provider.charge({ idempotencyKey: key, token: tokens.decline, amount })).toMatchObject({ status: 'declined' });
      expect(await provider.lookup(key)).toMatchObject({ status: 'declined' });
    });

    it('when the provider fails, then PaymentProviderError, and lookup finds no charge', async () => {
      const provider = create();
      const key = `ord_${randomUUID()}`;
      await expect(provider.charge({ idempotencyKey: key, token: tokens.error, amount })).rejects.toBeInstanceOf(PaymentProviderError);
      expect(await provider.lookup(key)).toEqual({ status: 'not-found' });
    });

    it('when a key was never charged, then lookup answers not-found', async () => {
      expect(await create().lookup(`ord_${randomUUID()}`)).toEqual({ status: 'not-found' });
    });

    it('when a key is reused for another amount, then it is refused rather than charged', async () => {
      const provider = create();
      const key = `ord_${randomUUID()}`;
      await provider.charge({ idempotencyKey: key, token: tokens.success, amount });
      await expect(provider.charge({ idempotencyKey: key, token: tokens.success, amount: { amount: 1, currencyCode: 'USD' } })).rejects.toBeInstanceOf(PaymentProviderError);
    });
  });
}
