import { randomBytes } from 'node:crypto';
import type { Money } from '../../domain/order.js';
import { PaymentError, PaymentErrorCode } from '../../errors.js';
import type {
  AuthorizeRequest,
  CaptureMode,
  CaptureResult,
  PaymentEvent,
  PaymentEventType,
  PaymentResult,
  PaymentTransaction,
  RefundResult,
} from '../payment-provider.js';
import { TEST_PAYMENT_TOKENS } from './test-payment-tokens.js';

export type TestPaymentStatus = 'requires_action' | 'processing' | 'authorized' | 'captured' | 'declined' | 'voided';

/** The test provider's record of one order's payment, as its ledger keeps it. */
export interface TestPayment {
  orderId: string;
  paymentReference: string;
  paymentToken: string;
  amount: Money;
  captureMode: CaptureMode;
  status: TestPaymentStatus;
  declineReason?: string;
  /** A processing payment counts as settled from this moment, whoever reads it first. */
  settleAt?: string;
  transactions: PaymentTransaction[];
  createdAt: string;
  updatedAt: string;
  /** Bumped by every write; each write is conditional on the version it read. */
  version: number;
}

/** A change to a payment: the new record (or none), the caller's answer, the webhooks it causes. */
export interface Change<T> {
  payment?: TestPayment;
  answer: T;
  events: PaymentEvent[];
}

const newId = (prefix: string) => `${prefix}_${randomBytes(9).toString('base64url')}`;
const CURRENCY = /^[A-Z]{3}$/;

export function amountProblem(amount: Money): PaymentError | undefined {
  if (!Number.isInteger(amount.amount) || amount.amount <= 0 || amount.amount > 99_999_999 || !CURRENCY.test(amount.currencyCode)) {
    return new PaymentError(PaymentErrorCode.INVALID_PAYMENT_AMOUNT, 'the amount must be a positive whole number of minor units with an ISO 4217 currency code');
  }
  return undefined;
}

/** The first authorisation under an order id; `behaviour` says what the caller sees besides the answer. */
export function openPayment(request: AuthorizeRequest, now: Date, settleDelayMs: number): Change<PaymentResult> & { behaviour: 'answer' | 'hang' } {
  const at = now.toISOString();
  const payment: TestPayment = {
    orderId: request.orderId,
    paymentReference: newId('pay_test'),
    paymentToken: request.paymentToken,
    amount: request.amount,
    captureMode: request.captureMode,
    status: 'processing',
    transactions: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const authorization = (status: PaymentTransaction['status'], failureReason?: string): PaymentTransaction => ({
    type: 'authorization',
    status,
    amount: request.amount,
    providerReference: payment.paymentReference,
    ...(failureReason ? { failureReason } : {}),
  });
  switch (request.paymentToken) {
    case TEST_PAYMENT_TOKENS.success:
    case TEST_PAYMENT_TOKENS.timeout: {
      const settled = succeed({ ...payment, transactions: [authorization('pending')] }, at);
      return { ...settled, behaviour: request.paymentToken === TEST_PAYMENT_TOKENS.timeout ? 'hang' : 'answer' };
    }
    case TEST_PAYMENT_TOKENS.captureDeclined: {
      if (request.captureMode === 'manual') return { ...succeed({ ...payment, transactions: [authorization('pending')] }, at), behaviour: 'answer' };
      return { ...decline(payment, 'The card issuer declined the capture.', at), behaviour: 'answer' };
    }
    case TEST_PAYMENT_TOKENS.threeDSecure: {
      const waiting: TestPayment = { ...payment, status: 'requires_action', transactions: [authorization('requires_action')] };
      return { payment: waiting, answer: resultOf(waiting), events: [event(waiting, 'payment.requires_action', at)], behaviour: 'answer' };
    }
    case TEST_PAYMENT_TOKENS.async:
    case TEST_PAYMENT_TOKENS.webhookTwice: {
      const pending: TestPayment = { ...payment, transactions: [authorization('pending')], settleAt: new Date(now.getTime() + settleDelayMs).toISOString() };
      // webhook_twice holds its processing event back, to deliver it late, between two copies of the settling one.
      const events = request.paymentToken === TEST_PAYMENT_TOKENS.async ? [event(pending, 'payment.processing', at)] : [];
      return { payment: pending, answer: resultOf(pending), events, behaviour: 'answer' };
    }
    case TEST_PAYMENT_TOKENS.decline:
      return { ...decline({ ...payment }, 'Your card was declined.', at), behaviour: 'answer' };
    default:
      return { ...decline({ ...payment }, 'The payment method is not one this provider issued.', at), behaviour: 'answer' };
  }
}

/** A processing payment whose time has come is settled by whoever reads it first. */
export function settleIfDue(payment: TestPayment, now: Date): Change<undefined> {
  if (payment.status !== 'processing' || !payment.settleAt || payment.settleAt > now.toISOString()) return { answer: undefined, events: [] };
  const settled = succeed(payment, now.toISOString());
  if (payment.paymentToken !== TEST_PAYMENT_TOKENS.webhookTwice) return { ...settled, answer: undefined };
  // Delivered in this order: the settling event, the older processing event, the settling event again.
  const late = { ...event(payment, 'payment.processing', payment.createdAt) };
  const settling = settled.events[0]!;
  return { payment: settled.payment!, answer: undefined, events: [settling, late, settling] };
}

export function confirmPayment(payment: TestPayment, now: Date): Change<PaymentResult> {
  if (payment.status !== 'requires_action') return { answer: resultOf(payment), events: [] };
  return succeed(payment, now.toISOString());
}

export function capturePayment(payment: TestPayment, requested: Money | undefined, now: Date): Change<CaptureResult> {
  const amount = requested ?? payment.amount;
  const problem = amountProblem(amount);
  if (problem) throw problem;
  if (amount.currencyCode !== payment.amount.currencyCode) throw new PaymentError(PaymentErrorCode.INVALID_PAYMENT_AMOUNT, 'the capture is in another currency than the payment');
  const earlier = payment.transactions.find((t) => t.type === 'capture' && t.status === 'succeeded');
  if (earlier) {
    // The same capture asked again is answered again; another one is refused, as a provider refuses a second capture.
    if (earlier.amount.amount === amount.amount) return { answer: { status: 'captured', amount: earlier.amount, transactionReference: earlier.providerReference }, events: [] };
    throw new PaymentError(PaymentErrorCode.PAYMENT_INVALID_STATE, 'the payment was captured already');
  }
  if (payment.status !== 'authorized') throw new PaymentError(PaymentErrorCode.PAYMENT_INVALID_STATE, `a ${payment.status} payment cannot be captured`);
  if (amount.amount > payment.amount.amount) {
    throw new PaymentError(PaymentErrorCode.CAPTURE_EXCEEDS_AUTHORIZED, `the capture (${amount.amount}) is above the authorised ${payment.amount.amount}`);
  }
  const at = now.toISOString();
  if (payment.paymentToken === TEST_PAYMENT_TOKENS.captureDeclined) {
    const reason = 'The card issuer declined the capture.';
    if (payment.transactions.some((t) => t.type === 'capture' && t.status === 'failed')) return { answer: { status: 'declined', reason }, events: [] };
    const failed = withTransaction(payment, { type: 'capture', status: 'failed', amount, providerReference: newId('txn_test'), failureReason: reason }, at);
    return { payment: failed, answer: { status: 'declined', reason }, events: [{ ...event(failed, 'payment.capture_failed', at), amount, reason }] };
  }
  const transaction: PaymentTransaction = { type: 'capture', status: 'succeeded', amount, providerReference: newId('txn_test') };
  const captured = { ...withTransaction(payment, transaction, at), status: 'captured' as const };
  return { payment: captured, answer: { status: 'captured', amount, transactionReference: transaction.providerReference }, events: [{ ...event(captured, 'payment.captured', at), amount }] };
}

export function voidPayment(payment: TestPayment, now: Date): Change<{ status: 'voided' }> {
  if (payment.status === 'voided') return { answer: { status: 'voided' }, events: [] };
  if (payment.status === 'captured' || payment.status === 'declined') {
    throw new PaymentError(PaymentErrorCode.PAYMENT_INVALID_STATE, `a ${payment.status} payment cannot be voided${payment.status === 'captured' ? '; refund it instead' : ''}`);
  }
  const at = now.toISOString();
  const voided = { ...withTransaction(payment, { type: 'void', status: 'succeeded', amount: payment.amount, providerReference: newId('txn_test') }, at), status: 'voided' as const };
  return { payment: voided, answer: { status: 'voided' }, events: [event(voided, 'payment.voided', at)] };
}

export function refundPayment(payment: TestPayment, refundId: string, amount: Money, now: Date): Change<RefundResult> {
  const problem = amountProblem(amount);
  if (problem) throw problem;
  const earlier = payment.transactions.find((t) => t.type === 'refund' && t.idempotencyKey === refundId);
  if (earlier) {
    if (earlier.amount.amount !== amount.amount || earlier.amount.currencyCode !== amount.currencyCode) {
      throw new PaymentError(PaymentErrorCode.PAYMENT_IDEMPOTENCY_MISMATCH, 'this refund id was used for another amount');
    }
    return { answer: { status: 'refunded', amount: earlier.amount, transactionReference: earlier.providerReference }, events: [] };
  }
  const total = (type: string) => payment.transactions.filter((t) => t.type === type && t.status === 'succeeded').reduce((sum, t) => sum + t.amount.amount, 0);
  const refundable = total('capture') - total('refund');
  if (amount.currencyCode !== payment.amount.currencyCode || amount.amount > refundable) {
    throw new PaymentError(PaymentErrorCode.REFUND_EXCEEDS_CAPTURED, `the refund (${amount.amount}) is above the ${refundable} captured and not yet refunded`);
  }
  const at = now.toISOString();
  const transaction: PaymentTransaction = { type: 'refund', status: 'succeeded', amount, providerReference: newId('re_test'), idempotencyKey: refundId };
  const refunded = withTransaction(payment, transaction, at);
  return {
    payment: refunded,
    answer: { status: 'refunded', amount, transactionReference: transaction.providerReference },
    events: [{ ...event(refunded, 'payment.refunded', at), amount, refundId }],
  };
}

/** The payment's state as `authorize` and `confirm` answer it. */
export function resultOf(payment: TestPayment): PaymentResult {
  const paymentReference = payment.paymentReference;
  switch (payment.status) {
    case 'captured':
      return { status: 'captured', paymentReference, amount: payment.amount };
    case 'authorized':
      return { status: 'authorized', paymentReference, amount: payment.amount };
    case 'requires_action':
      return { status: 'requires_action', paymentReference, action: { clientSecret: `${paymentReference}_secret` } };
    case 'processing':
      return { status: 'pending', paymentReference };
    case 'declined':
      return { status: 'declined', paymentReference, reason: payment.declineReason ?? 'The payment was declined.' };
    case 'voided':
      return { status: 'declined', paymentReference, reason: 'The payment was cancelled.' };
  }
}

/** The authorisation succeeds: captured at once under automatic capture, authorised under manual. */
function succeed(payment: TestPayment, at: string): Change<PaymentResult> {
  const transactions = payment.transactions.map((t) => (t.type === 'authorization' ? { ...t, status: 'succeeded' as const } : t));
  const { settleAt: _settled, ...rest } = payment;
  if (payment.captureMode === 'manual') {
    const authorized: TestPayment = { ...rest, status: 'authorized', transactions, updatedAt: at };
    return { payment: authorized, answer: resultOf(authorized), events: [{ ...event(authorized, 'payment.authorized', at), amount: payment.amount }] };
  }
  const capture: PaymentTransaction = { type: 'capture', status: 'succeeded', amount: payment.amount, providerReference: newId('txn_test') };
  const captured: TestPayment = { ...rest, status: 'captured', transactions: [...transactions, capture], updatedAt: at };
  return { payment: captured, answer: resultOf(captured), events: [{ ...event(captured, 'payment.captured', at), amount: payment.amount }] };
}

function decline(payment: TestPayment, reason: string, at: string): Change<PaymentResult> {
  const declined: TestPayment = {
    ...payment,
    status: 'declined',
    declineReason: reason,
    transactions: [{ type: 'authorization', status: 'failed', amount: payment.amount, providerReference: payment.paymentReference, failureReason: reason }],
    updatedAt: at,
  };
  return { payment: declined, answer: resultOf(declined), events: [{ ...event(declined, 'payment.failed', at), reason }] };
}

function withTransaction(payment: TestPayment, transaction: PaymentTransaction, at: string): TestPayment {
  return { ...payment, transactions: [...payment.transactions, transaction], updatedAt: at };
}

function event(payment: TestPayment, type: PaymentEventType, at: string): PaymentEvent {
  return { id: newId('evt_test'), type, orderId: payment.orderId, paymentReference: payment.paymentReference, occurredAt: at };
}
