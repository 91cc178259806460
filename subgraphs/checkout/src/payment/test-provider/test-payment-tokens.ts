/**
 * The tokens the test provider understands (README: "Payment test tokens"). Any other token
 * is declined as unknown, like a real provider refusing a token it never issued.
 */
export const TEST_PAYMENT_TOKENS = {
  /** Authorised (and captured, under automatic capture). */
  success: 'tok_test_success',
  /** Declined by the card issuer; nothing taken. */
  decline: 'tok_test_decline',
  /** The provider fails before doing anything: nothing taken, the outcome unknown to checkout. */
  error: 'tok_test_error',
  /** The provider takes the payment but its answer never arrives: the call waits until it is aborted. */
  timeout: 'tok_test_timeout',
  /** 3-D Secure: `requires_action` first, then `confirm` succeeds. */
  threeDSecure: 'tok_test_3ds',
  /** Pending: the provider settles it (and sends the webhook) after the configured delay. */
  async: 'tok_test_async',
  /** Pending like `async`; the settling webhook is delivered twice, with an older event between them. */
  webhookTwice: 'tok_test_webhook_twice',
  /** Authorises; a capture is declined (under automatic capture, the payment is declined). */
  captureDeclined: 'tok_test_capture_declined',
} as const;

/** The four tokens that settle without a webhook or a second call: what today's flows draw from. */
export const IMMEDIATE_TEST_TOKENS = [TEST_PAYMENT_TOKENS.success, TEST_PAYMENT_TOKENS.decline, TEST_PAYMENT_TOKENS.error, TEST_PAYMENT_TOKENS.timeout] as const;
