import { ConfigError, generateKeys, type GeneratedKeys } from '@shopgraph/shared';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCheckoutConfig } from '../src/config.js';

describe('choosing the payment provider', () => {
  let keys: GeneratedKeys;
  beforeAll(async () => {
    keys = await generateKeys('payment-config');
  });
  const env = (extra: Record<string, string>) => ({
    INTERNAL_CONTEXT_PUBLIC_KEYS: JSON.stringify(keys.internalContextPublicKeys),
    CHECKOUT_SIGNING_KEY: JSON.stringify(keys.checkoutSigningPrivateKey),
    CATALOG_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.catalogSigningPublicKeys),
    IDENTITY_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.identitySigningPublicKeys),
    ...extra,
  });
  /** The problems a ConfigError names, or 'loaded'. */
  const problems = (extra: Record<string, string>) => {
    try {
      loadCheckoutConfig(env(extra));
      return 'loaded';
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error.message;
    }
  };
  const stripeKey = () => `sk_test_${randomBytes(16).toString('hex')}`;
  const stripeWebhookSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

  it('when nothing is set outside production, then the test provider, with webhooks and a 3 s settle delay', () => {
    expect(loadCheckoutConfig(env({ NODE_ENV: 'development' })).payments).toEqual({ provider: 'test', inProduction: false, webhooks: true, settleDelayMs: 3_000 });
  });

  it('when production runs the test provider, then checkout refuses to start unless ALLOW_TEST_PAYMENTS=true', () => {
    expect(problems({ NODE_ENV: 'production' })).toMatch(/PAYMENT_PROVIDER: is `test`.*ALLOW_TEST_PAYMENTS=true/s);
    expect(problems({ NODE_ENV: 'production', PAYMENT_PROVIDER: 'test', ALLOW_TEST_PAYMENTS: 'false' })).toContain('PAYMENT_PROVIDER');
    expect(problems({ NODE_ENV: 'production', ALLOW_TEST_PAYMENTS: 'yes' })).toContain('ALLOW_TEST_PAYMENTS: must be true or false');
    // Control: with the flag it starts, and knows it is in production (start-up warns).
    expect(loadCheckoutConfig(env({ NODE_ENV: 'production', ALLOW_TEST_PAYMENTS: 'true' })).payments).toMatchObject({ provider: 'test', inProduction: true });
  });

  it('when Stripe is chosen without a secret, then the message names each one missing and echoes no value', () => {
    const key = stripeKey();
    const message = problems({ NODE_ENV: 'production', PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: key });
    expect(message).toContain('STRIPE_WEBHOOK_SECRET: is required when PAYMENT_PROVIDER=stripe');
    expect(message).not.toContain('STRIPE_SECRET_KEY');
    expect(message).not.toContain(key);
    const both = problems({ NODE_ENV: 'production', PAYMENT_PROVIDER: 'stripe' });
    expect(both).toContain('STRIPE_SECRET_KEY: is required');
    expect(both).toContain('STRIPE_WEBHOOK_SECRET: is required');
  });

  it('when a Stripe secret has the wrong shape, then it is named, never echoed', () => {
    const publishable = `pk_test_${randomBytes(16).toString('hex')}`;
    const message = problems({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: publishable, STRIPE_WEBHOOK_SECRET: stripeWebhookSecret() });
    expect(message).toContain('STRIPE_SECRET_KEY: must be a Stripe secret or restricted key');
    expect(message).not.toContain(publishable);
  });

  it('when Stripe is chosen with both secrets, then the config holds them, frozen', () => {
    const secretKey = stripeKey();
    const webhookSecret = stripeWebhookSecret();
    const config = loadCheckoutConfig(env({ NODE_ENV: 'production', PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret }));
    expect(config.payments).toEqual({ provider: 'stripe', secretKey, webhookSecret });
    expect(Object.isFrozen(config.payments)).toBe(true);
  });

  it('when the test provider is tuned, then its settings are read; a short webhook secret is refused', () => {
    const secret = randomBytes(32).toString('hex');
    expect(loadCheckoutConfig(env({ NODE_ENV: 'test', TEST_PAYMENTS_WEBHOOK_SECRET: secret, TEST_PAYMENTS_WEBHOOKS: 'false', TEST_PAYMENTS_SETTLE_DELAY_MS: '50' })).payments).toEqual({
      provider: 'test',
      inProduction: false,
      webhookSecret: secret,
      webhooks: false,
      settleDelayMs: 50,
    });
    expect(problems({ NODE_ENV: 'test', TEST_PAYMENTS_WEBHOOK_SECRET: 'short' })).toContain('TEST_PAYMENTS_WEBHOOK_SECRET: must be at least 32 characters');
  });
});
