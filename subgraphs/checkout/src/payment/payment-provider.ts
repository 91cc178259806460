import type { Money } from '../domain/order.js';

/**
 * The payment-provider contract: what checkout asks of Stripe, Adyen or the test provider.
 * Every implementation passes the one contract suite in
 * test/support/payment-provider-contract.ts.
 *
 * Failures are typed (src/errors.ts): a `PaymentError` is a definite refusal (the provider did
 * nothing); a `PaymentOutcomeUnknown` means nobody knows whether the call took effect (it was
 * aborted by the payment deadline, the connection broke, the provider failed mid-way): the
 * caller treats the payment as unknown until `lookup` says otherwise. Every call that reaches
 * the provider takes an AbortSignal and stops its request when it fires.
 */

/** `automatic`: authorised and captured in one step. `manual`: authorised now, captured later (`capture`). */
export type CaptureMode = 'automatic' | 'manual';

export interface AuthorizeRequest {
  /** The provider's idempotency key: asking again with the same order id never makes a second payment. */
  orderId: string;
  /** Minor units (cents), a positive integer, and an ISO 4217 currency code. */
  amount: Money;
  captureMode: CaptureMode;
  /** The shopper's single-use token from the provider's client SDK (a Stripe PaymentMethod id). */
  paymentToken: string;
}

/** What the shopper's client needs to finish a challenge (3-D Secure, a bank redirect). */
export interface PaymentAction {
  /** For the provider's client SDK (Stripe.js `handleNextAction`). */
  clientSecret?: string;
  /** Where to send the shopper, when the challenge is a redirect. */
  redirectUrl?: string;
}

/** The state of a payment after `authorize` or `confirm`. */
export type PaymentResult =
  /** Authorised, not captured: `capture` or `void` comes next (manual capture). */
  | { status: 'authorized'; paymentReference: string; amount: Money }
  /** Money taken (automatic capture, or a manual one captured since). */
  | { status: 'captured'; paymentReference: string; amount: Money }
  /** The shopper must act (`action`), then the client calls `confirm`. */
  | { status: 'requires_action'; paymentReference: string; action: PaymentAction }
  /** Accepted and being processed; a webhook (or a later `lookup`) tells how it ends. */
  | { status: 'pending'; paymentReference: string }
  /** Refused; `reason` can be shown to the shopper. Nothing was taken. */
  | { status: 'declined'; reason: string; paymentReference?: string };

/** Names a payment created by `authorize`. */
export interface PaymentRef {
  orderId: string;
  /** The `paymentReference` `authorize` answered. */
  paymentReference: string;
}

export interface CaptureRequest extends PaymentRef {
  /** Omitted: the whole authorised amount. Less: a partial capture, and the rest of the authorisation is released. */
  amount?: Money;
}

export type CaptureResult =
  | { status: 'captured'; amount: Money; transactionReference: string }
  /** The provider refused to capture (the authorisation expired, the issuer said no); the authorisation stands. */
  | { status: 'declined'; reason: string };

export interface RefundRequest extends PaymentRef {
  /** The provider's idempotency key for this refund: the same id twice is one refund. */
  refundId: string;
  amount: Money;
  /** Kept with the refund at the provider, for the merchant's records. */
  reason?: string;
}

export interface RefundResult {
  status: 'refunded' | 'pending';
  amount: Money;
  transactionReference: string;
}

export type PaymentTransactionType = 'authorization' | 'capture' | 'void' | 'refund';
export type PaymentTransactionStatus = 'pending' | 'requires_action' | 'succeeded' | 'failed';

/** One step of a payment as the provider recorded it (commercetools' and Saleor's shape). */
export interface PaymentTransaction {
  type: PaymentTransactionType;
  status: PaymentTransactionStatus;
  amount: Money;
  /** The provider's own id for the step (a PaymentIntent, a refund). */
  providerReference: string;
  /** The idempotency key the step was made under (a refund id), when the provider keeps it. */
  idempotencyKey?: string;
  /** Shopper-readable, for a failed step. */
  failureReason?: string;
}

/** Everything the provider knows about an order's payment: what recovery decides from. */
export interface PaymentLookup {
  paymentReference: string;
  /** In the order they happened. */
  transactions: PaymentTransaction[];
}

export type PaymentEventType =
  | 'payment.authorized'
  | 'payment.captured'
  | 'payment.requires_action'
  | 'payment.processing'
  | 'payment.failed'
  | 'payment.capture_failed'
  | 'payment.voided'
  | 'payment.refunded';

/** A verified provider event, in checkout's terms. */
export interface PaymentEvent {
  /** The provider's event id: a redelivery carries the same one. */
  id: string;
  type: PaymentEventType;
  orderId: string;
  paymentReference: string;
  /** When the provider created the event: deliveries may arrive out of this order. */
  occurredAt: string;
  /** The amount the event is about (authorised, captured, refunded), when it is about one. */
  amount?: Money;
  /** Shopper-readable, for `payment.failed` and `payment.capture_failed`. */
  reason?: string;
  /** For `payment.refunded`: the refund id `refund` was called with. */
  refundId?: string;
}

/** A verified webhook: an event checkout understands, or one it answers 200 and otherwise ignores. */
export type WebhookParseResult = { kind: 'event'; event: PaymentEvent } | { kind: 'ignored'; eventId: string; providerType: string };

export interface PaymentProvider {
  /** Names the provider in logs and in the webhook event records ("test", "stripe"). */
  readonly name: string;
  /** Creates (or, under the same order id, answers) the order's payment. */
  authorize(request: AuthorizeRequest, signal: AbortSignal): Promise<PaymentResult>;
  /** After the shopper acted on `requires_action`: the payment's state now. */
  confirm(payment: PaymentRef, signal: AbortSignal): Promise<PaymentResult>;
  /** Captures an authorised payment, once: in full, or in part (`CAPTURE_EXCEEDS_AUTHORIZED` above the authorisation). */
  capture(request: CaptureRequest, signal: AbortSignal): Promise<CaptureResult>;
  /** Releases an authorisation that was not captured (`PAYMENT_INVALID_STATE` after a capture). */
  void(payment: PaymentRef, signal: AbortSignal): Promise<{ status: 'voided' }>;
  /** Refunds part or all of what was captured (`REFUND_EXCEEDS_CAPTURED` above what is left). */
  refund(request: RefundRequest, signal: AbortSignal): Promise<RefundResult>;
  /** Every transaction of the order's payment so far, or null when no payment was ever created for it. */
  lookup(orderId: string, signal: AbortSignal): Promise<PaymentLookup | null>;
  /**
   * Verifies a webhook's signature over the raw body (as received, before any JSON parsing),
   * then answers the event or `ignored`; a bad signature is `WEBHOOK_SIGNATURE_INVALID`.
   * Local work only, so it takes no AbortSignal.
   */
  parseWebhook(rawBody: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>): Promise<WebhookParseResult>;
}
