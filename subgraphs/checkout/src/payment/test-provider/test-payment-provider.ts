import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from '@shopgraph/shared';
import { PaymentError, PaymentErrorCode, PaymentOutcomeUnknown } from '../../errors.js';
import type { PaymentProvider, PaymentRef } from '../payment-provider.js';
import { createTestPaymentLedger } from './test-payment-ledger.js';
import {
  amountProblem,
  capturePayment,
  confirmPayment,
  openPayment,
  refundPayment,
  resultOf,
  settleIfDue,
  voidPayment,
  type Change,
  type TestPayment,
} from './test-payment-rules.js';
import { TEST_PAYMENT_TOKENS } from './test-payment-tokens.js';
import { parseTestWebhook, TEST_SIGNATURE_HEADER } from './test-webhook-format.js';
import { createTestWebhookSender } from './test-webhook-sender.js';

export interface TestPaymentProviderOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Signs the webhooks this provider sends and verifies the ones it is given. */
  webhookSecret: string;
  /** Where its webhooks go (checkout's `/webhooks/payments`); undefined sends none. Asked at each delivery. */
  webhookUrl: () => string | undefined;
  /** How long `tok_test_async` and `tok_test_webhook_twice` stay pending. */
  settleDelayMs: number;
  logger: Logger;
}

export interface TestPaymentProvider extends PaymentProvider {
  /** Every payment in the ledger, for tests that count what was taken. */
  payments(): Promise<TestPayment[]>;
  /** Stops its timers and webhook deliveries. */
  stop(): Promise<void>;
}

/** Rounds of read-change-write before a contended payment is reported as unknown. */
const MAX_WRITE_ATTEMPTS = 5;

/**
 * Deterministic on the token (TEST_PAYMENT_TOKENS), with its ledger in DynamoDB and its
 * webhooks delivered asynchronously, signed, to checkout, as a real provider's are. For tests,
 * local development and compose; production refuses it unless ALLOW_TEST_PAYMENTS=true.
 */
export function createTestPaymentProvider(options: TestPaymentProviderOptions): TestPaymentProvider {
  const ledger = createTestPaymentLedger(options);
  const sender = createTestWebhookSender({ target: options.webhookUrl, secret: options.webhookSecret, logger: options.logger });
  const timers = new Set<NodeJS.Timeout>();

  /** Any store failure is the provider failing: nobody knows whether the step was taken. */
  const guarded = async <T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> => {
    if (signal.aborted) throw new PaymentOutcomeUnknown('aborted', 'the call was aborted before it reached the test provider');
    try {
      return await work();
    } catch (error) {
      if (error instanceof PaymentError || error instanceof PaymentOutcomeUnknown) throw error;
      if (signal.aborted) throw new PaymentOutcomeUnknown('aborted', 'the call was aborted');
      throw new PaymentOutcomeUnknown('provider-error', `test provider ledger failed: ${(error as Error).message}`);
    }
  };

  /** Reads the payment, settles it if due, applies `change`, writes it on the version read (retried on a race), then sends its webhooks. */
  async function update<T>(orderId: string, signal: AbortSignal, change: (payment: TestPayment, now: Date) => Change<T>, reference?: string): Promise<T> {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      const stored = await ledger.get(orderId, signal);
      if (!stored || (reference !== undefined && stored.paymentReference !== reference)) {
        throw new PaymentError(PaymentErrorCode.PAYMENT_NOT_FOUND, 'no payment for this order at the test provider');
      }
      const now = new Date();
      const settled = settleIfDue(stored, now);
      const current = settled.payment ?? stored;
      const changed = change(current, now);
      const next = changed.payment ?? settled.payment;
      if (!next) return changed.answer;
      if (await ledger.replace({ ...next, version: stored.version }, signal)) {
        sender.send([...settled.events, ...changed.events]);
        return changed.answer;
      }
    }
    throw new PaymentOutcomeUnknown('provider-error', 'test provider ledger stayed contended');
  }

  function settleLater(payment: TestPayment): void {
    if (!payment.settleAt) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      // Whoever reads the payment first once it is due settles it and sends its webhooks; this timer is one such reader.
      update(payment.orderId, AbortSignal.timeout(10_000), () => ({ answer: undefined, events: [] })).catch((error: Error) =>
        options.logger.warn({ orderId: payment.orderId, err: { message: error.message } }, 'test payments: could not settle a pending payment; the next read will'),
      );
    }, Math.max(0, Date.parse(payment.settleAt) - Date.now()));
    timers.add(timer);
  }

  return {
    name: 'test',

    authorize: (request, signal) =>
      guarded(signal, async () => {
        const problem = amountProblem(request.amount);
        if (problem) throw problem;
        const earlier = await ledger.get(request.orderId, signal);
        if (earlier) return replay(earlier);
        if (request.paymentToken === TEST_PAYMENT_TOKENS.error) throw new PaymentOutcomeUnknown('provider-error', 'test provider error (nothing taken)');
        const opened = openPayment(request, new Date(), options.settleDelayMs);
        if (!(await ledger.create(opened.payment!, signal))) {
          // A concurrent call under the same order id got there first: answer its payment.
          const winner = await ledger.get(request.orderId, signal);
          if (!winner) throw new PaymentOutcomeUnknown('provider-error', 'test provider ledger lost a payment');
          return replay(winner);
        }
        sender.send(opened.events);
        settleLater(opened.payment!);
        if (opened.behaviour === 'hang') await untilAborted(signal);
        return opened.answer;

        async function replay(payment: TestPayment) {
          const same =
            payment.amount.amount === request.amount.amount &&
            payment.amount.currencyCode === request.amount.currencyCode &&
            payment.captureMode === request.captureMode &&
            payment.paymentToken === request.paymentToken;
          if (!same) throw new PaymentError(PaymentErrorCode.PAYMENT_IDEMPOTENCY_MISMATCH, 'this order id was used for a payment with other parameters');
          return update(payment.orderId, signal, (current) => ({ answer: resultOf(current), events: [] }));
        }
      }),

    confirm: ({ orderId, paymentReference }: PaymentRef, signal) => guarded(signal, () => update(orderId, signal, confirmPayment, paymentReference)),

    capture: ({ orderId, paymentReference, amount }, signal) =>
      guarded(signal, () => update(orderId, signal, (payment, now) => capturePayment(payment, amount, now), paymentReference)),

    void: ({ orderId, paymentReference }, signal) => guarded(signal, () => update(orderId, signal, voidPayment, paymentReference)),

    refund: ({ orderId, paymentReference, refundId, amount }, signal) =>
      guarded(signal, () => update(orderId, signal, (payment, now) => refundPayment(payment, refundId, amount, now), paymentReference)),

    lookup: (orderId, signal) =>
      guarded(signal, async () => {
        if (!(await ledger.get(orderId, signal))) return null;
        return update(orderId, signal, (payment) => ({ answer: { paymentReference: payment.paymentReference, transactions: payment.transactions }, events: [] }));
      }),

    async parseWebhook(rawBody, headers) {
      const signature = headers[TEST_SIGNATURE_HEADER];
      return parseTestWebhook(rawBody, Array.isArray(signature) ? signature[0] : signature, options.webhookSecret);
    },

    payments: () => ledger.all(),

    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await sender.stop();
    },
  };
}

/** `tok_test_timeout`: the payment is taken, the answer never comes; only the caller's deadline ends the wait. */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const abort = () => reject(new PaymentOutcomeUnknown('aborted', 'the call was aborted; the test provider took the payment'));
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
  });
}
