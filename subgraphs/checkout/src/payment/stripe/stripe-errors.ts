import Stripe from 'stripe';
import { PaymentError, PaymentErrorCode, PaymentOutcomeUnknown } from '../../errors.js';

/**
 * Stripe's errors in checkout's terms. Only answers that prove nothing happened become a
 * PaymentError; a connection failure, a 5xx or a rate limit is an unknown outcome, for
 * `lookup` (every POST carries an idempotency key, so a retry never doubles a step).
 */
export function fromStripeError(error: unknown): PaymentError | PaymentOutcomeUnknown {
  if (error instanceof PaymentError || error instanceof PaymentOutcomeUnknown) return error;
  if (!(error instanceof Stripe.errors.StripeError)) return new PaymentOutcomeUnknown('provider-error', `Stripe call failed: ${(error as Error).message}`);
  // Stripe's own message names the problem, never the API key or a card number.
  const message = `Stripe: ${error.message}`;
  if (error instanceof Stripe.errors.StripeIdempotencyError) return new PaymentError(PaymentErrorCode.PAYMENT_IDEMPOTENCY_MISMATCH, message);
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    if (error.code === 'payment_intent_unexpected_state' || error.code === 'charge_expired_for_capture') return new PaymentError(PaymentErrorCode.PAYMENT_INVALID_STATE, message);
    if (error.code === 'charge_already_refunded' || (error.param === 'amount' && /refund/i.test(error.message))) return new PaymentError(PaymentErrorCode.REFUND_EXCEEDS_CAPTURED, message);
    if (error.param === 'amount_to_capture') return new PaymentError(PaymentErrorCode.CAPTURE_EXCEEDS_AUTHORIZED, message);
    if (error.code === 'resource_missing' && error.param === 'intent') return new PaymentError(PaymentErrorCode.PAYMENT_NOT_FOUND, message);
    return new PaymentError(PaymentErrorCode.PAYMENT_PROVIDER_REJECTED, message);
  }
  if (error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError) {
    return new PaymentError(PaymentErrorCode.PAYMENT_PROVIDER_REJECTED, 'Stripe refused the API key');
  }
  return new PaymentOutcomeUnknown('provider-error', message);
}
