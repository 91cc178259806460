import type { z } from 'zod';

/** Which provider takes the payments, and its settings; config.ts parses these with the rest. */
export type PaymentConfig =
  | {
      provider: 'test';
      /** NODE_ENV=production with ALLOW_TEST_PAYMENTS=true: start-up warns that orders are free. */
      inProduction: boolean;
      /** Unset: one is made per process, and only that process's webhooks verify. */
      webhookSecret?: string;
      webhooks: boolean;
      settleDelayMs: number;
    }
  | { provider: 'stripe'; secretKey: string; webhookSecret: string };

/** The payment variables as config.ts's schema parses them (declared there, with the others). */
export interface PaymentEnv {
  NODE_ENV: string;
  PAYMENT_PROVIDER: 'test' | 'stripe';
  ALLOW_TEST_PAYMENTS: boolean;
  STRIPE_SECRET_KEY?: string | undefined;
  STRIPE_WEBHOOK_SECRET?: string | undefined;
  TEST_PAYMENTS_WEBHOOK_SECRET?: string | undefined;
  TEST_PAYMENTS_WEBHOOKS: boolean;
  TEST_PAYMENTS_SETTLE_DELAY_MS: number;
}

/** The rules between variables: no free orders in production unless asked for, Stripe's two secrets together. */
export function checkPaymentEnv(env: PaymentEnv, ctx: z.RefinementCtx): void {
  if (env.PAYMENT_PROVIDER === 'test' && env.NODE_ENV === 'production' && !env.ALLOW_TEST_PAYMENTS) {
    ctx.addIssue({
      code: 'custom',
      path: ['PAYMENT_PROVIDER'],
      message: 'is `test` (no money moves, every order is free) under NODE_ENV=production: set PAYMENT_PROVIDER=stripe, or ALLOW_TEST_PAYMENTS=true for a stack that takes no real payments',
    });
  }
  if (env.PAYMENT_PROVIDER === 'stripe') {
    for (const name of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] as const) {
      if (env[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when PAYMENT_PROVIDER=stripe' });
    }
  }
}

export function toPaymentConfig(env: PaymentEnv): PaymentConfig {
  if (env.PAYMENT_PROVIDER === 'stripe') {
    // checkPaymentEnv has made sure both are there.
    return Object.freeze({ provider: 'stripe', secretKey: env.STRIPE_SECRET_KEY!, webhookSecret: env.STRIPE_WEBHOOK_SECRET! });
  }
  return Object.freeze({
    provider: 'test',
    inProduction: env.NODE_ENV === 'production',
    ...(env.TEST_PAYMENTS_WEBHOOK_SECRET ? { webhookSecret: env.TEST_PAYMENTS_WEBHOOK_SECRET } : {}),
    webhooks: env.TEST_PAYMENTS_WEBHOOKS,
    settleDelayMs: env.TEST_PAYMENTS_SETTLE_DELAY_MS,
  });
}
