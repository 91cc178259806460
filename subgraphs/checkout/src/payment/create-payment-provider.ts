import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from '@shopgraph/shared';
import { randomBytes } from 'node:crypto';
import type { PaymentConfig } from './payment-config.js';
import type { PaymentProvider } from './payment-provider.js';
import { createStripePaymentProvider } from './stripe/stripe-payment-provider.js';
import { createTestPaymentProvider } from './test-provider/test-payment-provider.js';

export interface ConfiguredPaymentProvider {
  provider: PaymentProvider;
  /** Ends what the provider runs in this process (the test provider's timers and webhook deliveries). */
  stop(): Promise<void>;
}

/** The provider PAYMENT_PROVIDER names. `ownWebhookUrl` is checkout's own route, known once it listens. */
export function createConfiguredPaymentProvider(
  config: PaymentConfig,
  { client, tableName, logger, ownWebhookUrl }: { client: DynamoDBDocumentClient; tableName: string; logger: Logger; ownWebhookUrl: () => string | undefined },
): ConfiguredPaymentProvider {
  if (config.provider === 'stripe') {
    return { provider: createStripePaymentProvider({ secretKey: config.secretKey, webhookSecret: config.webhookSecret }), stop: async () => undefined };
  }
  const provider = createTestPaymentProvider({
    client,
    tableName,
    // Without a configured secret only this process signs and verifies its webhooks, which it sends to itself.
    webhookSecret: config.webhookSecret ?? randomBytes(32).toString('base64url'),
    webhookUrl: config.webhooks ? ownWebhookUrl : () => undefined,
    settleDelayMs: config.settleDelayMs,
    logger: logger.child({ component: 'test-payments' }),
  });
  return { provider, stop: () => provider.stop() };
}
