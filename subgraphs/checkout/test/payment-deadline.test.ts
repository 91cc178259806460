import { describe, expect, it } from 'vitest';
import { PaymentOutcomeUnknown } from '../src/errors.js';
import { withinPaymentDeadline } from '../src/payment/payment-deadline.js';

describe('the payment deadline', () => {
  it('when the provider does not answer in time, then its call is aborted and the outcome is unknown', async () => {
    let seen: AbortSignal | undefined;
    const outcome = await withinPaymentDeadline(20, (signal) => {
      seen = signal;
      return new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted by the deadline'))));
    }).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(PaymentOutcomeUnknown);
    expect((outcome as PaymentOutcomeUnknown).reason).toBe('aborted');
    expect(seen?.aborted).toBe(true);
  });

  it('when a provider ignores the signal, then the caller still stops waiting at the deadline', async () => {
    const outcome = await withinPaymentDeadline(20, () => new Promise<never>(() => undefined)).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(PaymentOutcomeUnknown);
  });

  it('when the provider answers in time, then the answer is returned and its signal never fires', async () => {
    let seen: AbortSignal | undefined;
    expect(await withinPaymentDeadline(10_000, async (signal) => ((seen = signal), 'answered'))).toBe('answered');
    expect(seen?.aborted).toBe(false);
  });
});
