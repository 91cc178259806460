import { createLogger, generateKeys, type GeneratedKeys } from '@shopgraph/shared';
import { createDocumentClient } from '@shopgraph/shared/dynamo';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestTables, type TestTables } from '../../../test/support/dynamo.js';
import { collectLogLines } from '../../../test/support/log-lines.js';
import { loadCheckoutConfig } from '../src/config.js';
import { createCheckoutServer } from '../src/server.js';
import { stripeEventBody } from './support/fake-stripe-api.js';

describe('the provider checkout runs with, as configured', () => {
  let tables: TestTables<'checkout'>;
  let keys: GeneratedKeys;
  beforeAll(async () => {
    tables = await createTestTables(['checkout'] as const);
    keys = await generateKeys('provider-choice');
  });
  afterAll(() => tables?.drop());

  async function started(env: Record<string, string>) {
    const lines: Record<string, unknown>[] = [];
    const server = createCheckoutServer({
      config: loadCheckoutConfig({
        HOST: '127.0.0.1',
        PORT: '0',
        DYNAMODB_ENDPOINT: tables.endpoint,
        CHECKOUT_TABLE: tables.names.checkout,
        INTERNAL_CONTEXT_PUBLIC_KEYS: JSON.stringify(keys.internalContextPublicKeys),
        CHECKOUT_SIGNING_KEY: JSON.stringify(keys.checkoutSigningPrivateKey),
        CATALOG_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.catalogSigningPublicKeys),
        IDENTITY_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.identitySigningPublicKeys),
        REDIS_URL: inject('redisUrl'),
        REDIS_KEY_PREFIX: `test:provider-choice:${randomBytes(4).toString('hex')}:`,
        RECOVERY_INTERVAL_MS: '3600000',
        SHUTDOWN_TIMEOUT_MS: '1000',
        ...env,
      }),
      logger: createLogger({ service: 'checkout', level: 'info', destination: collectLogLines(lines) }),
      dynamo: createDocumentClient({ region: 'us-east-1', endpoint: tables.endpoint }),
    });
    const { url } = await server.start();
    return { server, url, lines };
  }
  const warned = (lines: Record<string, unknown>[]) => lines.some((line) => line['level'] === 40 && String(line['msg']).includes('PAYMENT_PROVIDER=test under NODE_ENV=production'));

  it('when production runs the test provider by ALLOW_TEST_PAYMENTS, then start-up warns; outside production it does not', async () => {
    const production = await started({ NODE_ENV: 'production', ALLOW_TEST_PAYMENTS: 'true' });
    await production.server.stop();
    expect(warned(production.lines)).toBe(true);
    const test = await started({ NODE_ENV: 'test' });
    await test.server.stop();
    expect(warned(test.lines)).toBe(false);
  });

  it('when PAYMENT_PROVIDER=stripe, then /webhooks/payments verifies Stripe signatures, and secrets stay out of the logs', async () => {
    const secretKey = `sk_test_${randomBytes(16).toString('hex')}`;
    const webhookSecret = `whsec_${randomBytes(24).toString('base64url')}`;
    const { server, url, lines } = await started({ NODE_ENV: 'production', PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret });
    try {
      const body = stripeEventBody('customer.created', { id: 'cus_1', object: 'customer' });
      const post = (signature: string) => fetch(`${url}/webhooks/payments`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
      const good = await post(Stripe.webhooks.generateTestHeaderString({ payload: body, secret: webhookSecret }));
      expect([good.status, await good.json()]).toEqual([200, { received: true, outcome: 'ignored' }]);
      const bad = await post(Stripe.webhooks.generateTestHeaderString({ payload: body, secret: `whsec_${randomBytes(24).toString('base64url')}` }));
      expect(bad.status).toBe(400);
    } finally {
      await server.stop();
    }
    expect(warned(lines)).toBe(false);
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(secretKey);
    expect(logged).not.toContain(webhookSecret);
  });
});
