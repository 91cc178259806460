import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Money } from '../../src/domain/order.js';
import { PaymentError, PaymentOutcomeUnknown, type PaymentErrorCode } from '../../src/errors.js';
import type { CaptureMode, PaymentProvider, PaymentResult } from '../../src/payment/payment-provider.js';
import { summarizePayment } from '../../src/payment/payment-summary.js';

/** A provider under test, with what its sandbox offers to produce each outcome. */
export interface ContractSubject {
  provider: PaymentProvider;
  tokens: {
    success: string;
    decline: string;
    /** The provider fails before doing anything. */
    error: string;
    /** The provider takes the payment, and its answer never comes until the call is aborted. */
    hang: string;
    /** 3-D Secure: requires action, then `confirm` succeeds once the shopper acted. */
    threeDSecure: string;
    /** Accepted as pending; the provider settles it by itself a moment later. */
    pending: string;
    /** Authorises; a capture is declined. */
    captureDeclined: string;
  };
  /** What the shopper's client does between `requires_action` and `confirm` (Stripe.js finishing the challenge). */
  completeAction(paymentReference: string): Promise<void>;
  webhooks: {
    /** A raw event body as the provider sends it, for a payment of `orderId` captured for `amount`. */
    capturedBody(orderId: string, paymentReference: string, amount: Money): string;
    /** A raw event body of a type checkout does not act on. */
    unknownTypeBody(): string;
    /** The signature headers the provider sends with `body`: signed with its secret (or another one), now (or at another time). */
    sign(body: string, options?: { wrongSecret?: boolean; timestampSeconds?: number }): Record<string, string>;
  };
  stop(): Promise<void>;
}

const amount: Money = { amount: 1000, currencyCode: 'USD' };
/** No deadline: these calls are answered, or the test aborts them on purpose. */
const never = () => new AbortController().signal;
const orderId = () => `ord_${randomUUID().replaceAll('-', '')}`;

async function refusal(promise: Promise<unknown>): Promise<PaymentErrorCode | 'answered'> {
  try {
    await promise;
    return 'answered';
  } catch (error) {
    if (error instanceof PaymentError || error instanceof PaymentOutcomeUnknown) return error.code;
    throw error;
  }
}

/**
 * What checkout relies on from any PaymentProvider: every outcome, idempotency, capture and
 * refund bounds, aborts, webhooks. Run against every implementation before checkout uses it.
 */
export function describePaymentProviderContract(name: string, setup: () => Promise<ContractSubject>): void {
  describe(`PaymentProvider contract: ${name}`, () => {
    let subject: ContractSubject;
    let provider: PaymentProvider;
    const authorize = (id: string, token: string, captureMode: CaptureMode = 'automatic', money: Money = amount) =>
      provider.authorize({ orderId: id, amount: money, captureMode, paymentToken: token }, never());
    const stateOf = async (id: string) => {
      const lookup = await provider.lookup(id, never());
      return lookup ? summarizePayment(lookup) : null;
    };
    const referenceOf = (result: PaymentResult) => {
      if (!('paymentReference' in result) || !result.paymentReference) throw new Error(`no payment reference in ${JSON.stringify(result)}`);
      return result.paymentReference;
    };

    beforeAll(async () => {
      subject = await setup();
      provider = subject.provider;
    });
    afterAll(() => subject?.stop());

    describe('authorize', () => {
      it('when the token succeeds under automatic capture, then captured, and lookup shows the authorisation and the capture', async () => {
        const id = orderId();
        const result = await authorize(id, subject.tokens.success);
        expect(result).toEqual({ status: 'captured', paymentReference: expect.any(String) as string, amount });
        const lookup = await provider.lookup(id, never());
        expect(lookup?.paymentReference).toBe(referenceOf(result));
        expect(lookup?.transactions).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ type: 'authorization', status: 'succeeded', amount }),
            expect.objectContaining({ type: 'capture', status: 'succeeded', amount }),
          ]),
        );
        expect(summarizePayment(lookup!)).toMatchObject({ state: 'captured', captured: 1000 });
      });

      it('when the same order id is authorised twice, then one payment; another order id is another payment', async () => {
        const id = orderId();
        const first = await authorize(id, subject.tokens.success);
        const second = await authorize(id, subject.tokens.success);
        expect(referenceOf(second)).toBe(referenceOf(first));
        const captures = (await provider.lookup(id, never()))!.transactions.filter((t) => t.type === 'capture');
        expect(captures).toHaveLength(1);
        expect(referenceOf(await authorize(orderId(), subject.tokens.success))).not.toBe(referenceOf(first));
      });

      it('when an order id is reused for another amount, then PAYMENT_IDEMPOTENCY_MISMATCH and the payment keeps its amount', async () => {
        const id = orderId();
        await authorize(id, subject.tokens.success);
        expect(await refusal(authorize(id, subject.tokens.success, 'automatic', { amount: 1, currencyCode: 'USD' }))).toBe('PAYMENT_IDEMPOTENCY_MISMATCH');
        expect(await stateOf(id)).toMatchObject({ state: 'captured', captured: 1000 });
      });

      it('when the card is declined, then declined with a reason a shopper can read, and lookup says declined', async () => {
        const id = orderId();
        const result = await authorize(id, subject.tokens.decline);
        expect(result.status).toBe('declined');
        expect(result.status === 'declined' && result.reason.length).toBeGreaterThan(3);
        expect(await stateOf(id)).toMatchObject({ state: 'declined', captured: 0 });
      });

      it('when the provider fails before acting, then PaymentOutcomeUnknown, and lookup finds no payment', async () => {
        const id = orderId();
        expect(await refusal(authorize(id, subject.tokens.error))).toBe('PAYMENT_OUTCOME_UNKNOWN');
        expect(await provider.lookup(id, never())).toBeNull();
      });

      it('when an order id was never used, then lookup answers null', async () => {
        expect(await provider.lookup(orderId(), never())).toBeNull();
      });

      it('when 3-D Secure is required, then requires_action with a client secret; after the shopper acts, confirm captures', async () => {
        const id = orderId();
        const result = await authorize(id, subject.tokens.threeDSecure);
        expect(result).toMatchObject({ status: 'requires_action', action: { clientSecret: expect.any(String) as string } });
        expect(await stateOf(id)).toMatchObject({ state: 'requires_action', captured: 0 });
        const paymentReference = referenceOf(result);
        await subject.completeAction(paymentReference);
        expect(await provider.confirm({ orderId: id, paymentReference }, never())).toMatchObject({ status: 'captured', amount });
        // Confirming again answers the same state and takes nothing more.
        expect(await provider.confirm({ orderId: id, paymentReference }, never())).toMatchObject({ status: 'captured' });
        expect(await stateOf(id)).toMatchObject({ state: 'captured', captured: 1000 });
      });

      it('when the payment is processed asynchronously, then pending, and lookup later shows it captured', async () => {
        const id = orderId();
        expect(await authorize(id, subject.tokens.pending)).toMatchObject({ status: 'pending' });
        await expect.poll(async () => (await stateOf(id))?.state, { timeout: 15_000, interval: 50 }).toBe('captured');
      });
    });

    describe('capture and void', () => {
      it('when a manual authorisation is captured in part, then that part is captured, and a second capture is refused', async () => {
        const id = orderId();
        const authorized = await authorize(id, subject.tokens.success, 'manual');
        expect(authorized).toMatchObject({ status: 'authorized', amount });
        const paymentReference = referenceOf(authorized);
        expect(await stateOf(id)).toMatchObject({ state: 'authorized', captured: 0 });
        const captured = await provider.capture({ orderId: id, paymentReference, amount: { amount: 600, currencyCode: 'USD' } }, never());
        expect(captured).toMatchObject({ status: 'captured', amount: { amount: 600, currencyCode: 'USD' } });
        expect(await stateOf(id)).toMatchObject({ state: 'captured', captured: 600 });
        expect(await refusal(provider.capture({ orderId: id, paymentReference, amount: { amount: 400, currencyCode: 'USD' } }, never()))).toBe('PAYMENT_INVALID_STATE');
        expect(await stateOf(id)).toMatchObject({ captured: 600 });
      });

      it('when a capture is above the authorisation, then CAPTURE_EXCEEDS_AUTHORIZED and nothing is captured; the full amount then captures', async () => {
        const id = orderId();
        const paymentReference = referenceOf(await authorize(id, subject.tokens.success, 'manual'));
        expect(await refusal(provider.capture({ orderId: id, paymentReference, amount: { amount: 1001, currencyCode: 'USD' } }, never()))).toBe('CAPTURE_EXCEEDS_AUTHORIZED');
        expect(await stateOf(id)).toMatchObject({ state: 'authorized', captured: 0 });
        expect(await provider.capture({ orderId: id, paymentReference }, never())).toMatchObject({ status: 'captured', amount });
      });

      it('when the issuer declines the capture, then declined with a reason, and the authorisation stands', async () => {
        const id = orderId();
        const paymentReference = referenceOf(await authorize(id, subject.tokens.captureDeclined, 'manual'));
        const result = await provider.capture({ orderId: id, paymentReference }, never());
        expect(result).toMatchObject({ status: 'declined', reason: expect.any(String) as string });
        expect(await stateOf(id)).toMatchObject({ state: 'authorized', captured: 0 });
      });

      it('when an authorisation is voided, then voided (twice is the same), and a captured payment cannot be voided', async () => {
        const id = orderId();
        const paymentReference = referenceOf(await authorize(id, subject.tokens.success, 'manual'));
        expect(await provider.void({ orderId: id, paymentReference }, never())).toEqual({ status: 'voided' });
        expect(await provider.void({ orderId: id, paymentReference }, never())).toEqual({ status: 'voided' });
        expect(await stateOf(id)).toMatchObject({ state: 'voided', captured: 0 });
        const capturedId = orderId();
        const captured = referenceOf(await authorize(capturedId, subject.tokens.success));
        expect(await refusal(provider.void({ orderId: capturedId, paymentReference: captured }, never()))).toBe('PAYMENT_INVALID_STATE');
        expect(await stateOf(capturedId)).toMatchObject({ state: 'captured' });
      });

      it('when a payment reference is not the order’s, then PAYMENT_NOT_FOUND and nothing changes', async () => {
        const id = orderId();
        const paymentReference = referenceOf(await authorize(id, subject.tokens.success, 'manual'));
        const other = orderId();
        referenceOf(await authorize(other, subject.tokens.success, 'manual'));
        expect(await refusal(provider.capture({ orderId: other, paymentReference }, never()))).toBe('PAYMENT_NOT_FOUND');
        expect(await stateOf(id)).toMatchObject({ state: 'authorized' });
        expect(await stateOf(other)).toMatchObject({ state: 'authorized' });
      });
    });

    describe('refund', () => {
      it('when refunds are asked in parts, then each refund id refunds once, and no more than was captured', async () => {
        const id = orderId();
        const paymentReference = referenceOf(await authorize(id, subject.tokens.success));
        const first = await provider.refund({ orderId: id, paymentReference, refundId: 'ref_1', amount: { amount: 300, currencyCode: 'USD' } }, never());
        expect(first).toMatchObject({ status: 'refunded', amount: { amount: 300, currencyCode: 'USD' } });
        // The same refund id again is the same refund.
        const again = await provider.refund({ orderId: id, paymentReference, refundId: 'ref_1', amount: { amount: 300, currencyCode: 'USD' } }, never());
        expect(again.transactionReference).toBe(first.transactionReference);
        expect(await refusal(provider.refund({ orderId: id, paymentReference, refundId: 'ref_1', amount: { amount: 200, currencyCode: 'USD' } }, never()))).toBe(
          'PAYMENT_IDEMPOTENCY_MISMATCH',
        );
        expect(await refusal(provider.refund({ orderId: id, paymentReference, refundId: 'ref_2', amount: { amount: 701, currencyCode: 'USD' } }, never()))).toBe(
          'REFUND_EXCEEDS_CAPTURED',
        );
        expect(await stateOf(id)).toMatchObject({ refunded: 300 });
        // Control: exactly what is left refunds.
        expect(await provider.refund({ orderId: id, paymentReference, refundId: 'ref_3', amount: { amount: 700, currencyCode: 'USD' } }, never())).toMatchObject({ status: 'refunded' });
        const lookup = await provider.lookup(id, never());
        expect(lookup!.transactions.filter((t) => t.type === 'refund').map((t) => [t.idempotencyKey, t.amount.amount])).toEqual([
          ['ref_1', 300],
          ['ref_3', 700],
        ]);
      });

      it('when nothing was captured, then a refund is REFUND_EXCEEDS_CAPTURED', async () => {
        const id = orderId();
        const paymentReference = referenceOf(await authorize(id, subject.tokens.success, 'manual'));
        expect(await refusal(provider.refund({ orderId: id, paymentReference, refundId: 'ref_x', amount: { amount: 1, currencyCode: 'USD' } }, never()))).toBe('REFUND_EXCEEDS_CAPTURED');
      });
    });

    describe('abort', () => {
      it('when a call is aborted while the provider takes the payment, then PaymentOutcomeUnknown, and lookup tells the truth', async () => {
        const id = orderId();
        const controller = new AbortController();
        const call = refusal(provider.authorize({ orderId: id, amount, captureMode: 'automatic', paymentToken: subject.tokens.hang }, controller.signal));
        // Aborted only once the provider holds the payment: the answer is what is lost.
        await expect.poll(async () => (await stateOf(id))?.state, { timeout: 15_000, interval: 50 }).toBe('captured');
        controller.abort();
        expect(await call).toBe('PAYMENT_OUTCOME_UNKNOWN');
        expect(await stateOf(id)).toMatchObject({ state: 'captured', captured: 1000 });
      });

      it('when a call is aborted before it is sent, then PaymentOutcomeUnknown, and lookup finds no payment', async () => {
        const id = orderId();
        const controller = new AbortController();
        controller.abort();
        let caught: unknown;
        await provider.authorize({ orderId: id, amount, captureMode: 'automatic', paymentToken: subject.tokens.success }, controller.signal).catch((error: unknown) => (caught = error));
        expect(caught).toBeInstanceOf(PaymentOutcomeUnknown);
        expect((caught as PaymentOutcomeUnknown).reason).toBe('aborted');
        expect(await provider.lookup(id, never())).toBeNull();
      });
    });

    describe('webhooks', () => {
      const parse = (body: string, headers: Record<string, string>) => provider.parseWebhook(Buffer.from(body), headers);

      it('when an event is signed with the secret, then it is parsed into a typed event, and a redelivery carries the same id', async () => {
        const id = orderId();
        const body = subject.webhooks.capturedBody(id, 'pay_ref_1', amount);
        const parsed = await parse(body, subject.webhooks.sign(body));
        expect(parsed).toEqual({
          kind: 'event',
          event: expect.objectContaining({ type: 'payment.captured', orderId: id, paymentReference: 'pay_ref_1', amount, id: expect.any(String) as string }) as unknown,
        });
        const again = await parse(body, subject.webhooks.sign(body));
        expect(again.kind === 'event' && parsed.kind === 'event' && again.event.id === parsed.event.id).toBe(true);
        const other = subject.webhooks.capturedBody(orderId(), 'pay_ref_2', amount);
        const otherParsed = await parse(other, subject.webhooks.sign(other));
        expect(otherParsed.kind === 'event' && parsed.kind === 'event' && otherParsed.event.id !== parsed.event.id).toBe(true);
      });

      it('when the signature is wrong, stale, missing or for another body, then WEBHOOK_SIGNATURE_INVALID', async () => {
        const body = subject.webhooks.capturedBody(orderId(), 'pay_ref_3', amount);
        const signed = subject.webhooks.sign(body);
        expect(await refusal(parse(body, subject.webhooks.sign(body, { wrongSecret: true })))).toBe('WEBHOOK_SIGNATURE_INVALID');
        expect(await refusal(parse(body, subject.webhooks.sign(body, { timestampSeconds: Math.floor(Date.now() / 1000) - 3_600 })))).toBe('WEBHOOK_SIGNATURE_INVALID');
        expect(await refusal(parse(body, {}))).toBe('WEBHOOK_SIGNATURE_INVALID');
        expect(await refusal(parse(body.replace('1000', '1'), signed))).toBe('WEBHOOK_SIGNATURE_INVALID');
        // Control: the untouched body with its own signature verifies.
        expect(await refusal(parse(body, signed))).toBe('answered');
      });

      it('when a verified event is of a type checkout does not act on, then it is ignored, with its id', async () => {
        const body = subject.webhooks.unknownTypeBody();
        expect(await parse(body, subject.webhooks.sign(body))).toEqual({ kind: 'ignored', eventId: expect.any(String) as string, providerType: expect.any(String) as string });
      });
    });
  });
}
