import { createInternalContextSigner, createLogger, generateKeys, HEADER_INTERNAL_CONTEXT, type GeneratedKeys, type Session } from '@shopgraph/shared';
import { createDocumentClient } from '@shopgraph/shared/dynamo';
import { randomBytes, randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createTestTables, type TestTables } from '../../../../test/support/dynamo.js';
import type { CatalogPrices } from '../../src/peers/catalog-client.js';
import { loadCheckoutConfig } from '../../src/config.js';
import type { Money } from '../../src/domain/order.js';
import { PaymentOutcomeUnknown } from '../../src/errors.js';
import { createTestPaymentProvider, type TestPaymentProvider } from '../../src/payment/test-provider/test-payment-provider.js';
import { createCheckoutServer, type CheckoutServer } from '../../src/server.js';
import { createInventoryRepository, type InventoryRepository } from '../../src/store/inventory-repository.js';
import { createOrderRepository, type OrderRepository } from '../../src/store/order-repository.js';
import { channels } from '../../src/store/keys.js';
import type { CrashPoints, OrderDependencies } from './crash-points.js';
import { createFakeCart, type FakeCart } from './fake-cart.js';
import { listenToStockNotices, type StockNoticeListener } from './stock-notice-listener.js';

export type { FakeCart } from './fake-cart.js';

export interface CheckoutHarness {
  url: string;
  tables: TestTables<'checkout'>;
  keys: GeneratedKeys;
  server: CheckoutServer;
  cart: FakeCart;
  payments: TestPaymentProvider;
  /** The test provider's webhook secret, to sign events as it would. */
  webhookSecret: string;
  /**
   * While `lookupFails`, the provider does not answer lookups (recovery's question); while
   * `webhooksLost`, its webhooks never reach checkout (as when checkout is down); while
   * `authorizeOnly`, it authorises without capturing, as a provider set to manual capture
   * answers (the order waits AUTHORIZED for the admin's capture); while `confirmPending`,
   * `confirm` answers that the provider is still processing the payment.
   */
  faults: { lookupFails: boolean; webhooksLost: boolean; authorizeOnly: boolean; confirmPending: boolean };
  /** Checkout's orders, read as the service stores them. */
  orders: OrderRepository;
  /** The stock change notices checkout publishes from now on, as catalog's replicas receive them. */
  listenToStockNotices(): Promise<StockNoticeListener>;
  /** The signal of every authorize call checkout made, to see the payment deadline abort them. */
  authorizeSignals: AbortSignal[];
  inventory: InventoryRepository;
  /** Catalog prices the fake catalog answers; absent variants are unknown to it. */
  prices: Map<string, Money>;
  request<T>(query: string, variables: Record<string, unknown>, session?: Session): Promise<{ data?: T; errors?: { extensions?: { code?: string } }[] }>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Crash points on checkout's orders, cart and provider (a crash test arms them). */
  crashPoints?: CrashPoints;
  /** On top of the harness's configuration. */
  env?: Record<string, string>;
}

export async function startCheckoutHarness(fileTag: string, options: HarnessOptions = {}): Promise<CheckoutHarness> {
  const tables = await createTestTables(['checkout'] as const);
  const keys = await generateKeys(fileTag);
  const signer = await createInternalContextSigner(keys.internalContextPrivateKey);
  const cart = createFakeCart();
  // Known once the server listens.
  const webhookTarget: { url?: string } = {};
  const webhookSecret = randomBytes(32).toString('hex');
  const logger = createLogger({ service: 'checkout', level: 'silent' });
  const payments = createTestPaymentProvider({
    client: tables.client,
    tableName: tables.names.checkout,
    webhookSecret,
    webhookUrl: () => (faults.webhooksLost ? undefined : webhookTarget.url),
    settleDelayMs: 200,
    logger,
  });
  const prices = new Map<string, Money>();
  const faults = { lookupFails: false, webhooksLost: false, authorizeOnly: false, confirmPending: false };
  const authorizeSignals: AbortSignal[] = [];
  const catalog: CatalogPrices = { pricesOf: async (ids) => new Map(ids.flatMap((id) => (prices.has(id) ? [[id, prices.get(id)!] as [string, Money]] : []))) };
  const redisKeyPrefix = `test:${fileTag}:${randomBytes(4).toString('hex')}:`;
  const faultyPayments: TestPaymentProvider = {
    ...payments,
    authorize: (request, signal) => {
      authorizeSignals.push(signal);
      return payments.authorize(faults.authorizeOnly ? { ...request, captureMode: 'manual' } : request, signal);
    },
    confirm: (payment, signal) => (faults.confirmPending ? Promise.resolve({ status: 'pending', paymentReference: payment.paymentReference }) : payments.confirm(payment, signal)),
    lookup: (orderId, signal) => (faults.lookupFails ? Promise.reject(new PaymentOutcomeUnknown('connection', 'provider down (test)')) : payments.lookup(orderId, signal)),
  };
  const orders = createOrderRepository({ client: tables.client, tableName: tables.names.checkout });
  const own: OrderDependencies = { orders, carts: cart, payments: faultyPayments };
  const dependencies = options.crashPoints ? options.crashPoints.wrap(own) : own;
  const server = createCheckoutServer({
    config: loadCheckoutConfig({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DYNAMODB_ENDPOINT: tables.endpoint,
      CHECKOUT_TABLE: tables.names.checkout,
      INTERNAL_CONTEXT_PUBLIC_KEYS: JSON.stringify(keys.internalContextPublicKeys),
      CHECKOUT_SIGNING_KEY: JSON.stringify(keys.checkoutSigningPrivateKey),
      CATALOG_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.catalogSigningPublicKeys),
      IDENTITY_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.identitySigningPublicKeys),
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: redisKeyPrefix,
      PAYMENT_TIMEOUT_MS: '500',
      ORDER_PENDING_TIMEOUT_MS: '2000',
      RECOVERY_INTERVAL_MS: '3600000',
      SHUTDOWN_TIMEOUT_MS: '1000',
      ...options.env,
    }),
    logger,
    dynamo: createDocumentClient({ region: 'us-east-1', endpoint: tables.endpoint }),
    catalog,
    ...dependencies,
  });
  const base = (await server.start()).url;
  webhookTarget.url = `${base}/webhooks/payments`;
  const url = `${base}/graphql`;
  return {
    url,
    tables,
    keys,
    server,
    cart,
    payments,
    webhookSecret,
    faults,
    authorizeSignals,
    prices,
    listenToStockNotices: () => listenToStockNotices(inject('redisUrl'), channels.stockChanged(redisKeyPrefix)),
    inventory: createInventoryRepository({ client: tables.client, tableName: tables.names.checkout }),
    orders,
    async request<T>(query: string, variables: Record<string, unknown>, session?: Session) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (session) headers[HEADER_INTERNAL_CONTEXT] = await signer.sign({ session, requestId: randomUUID() }, 'checkout');
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as { data?: T; errors?: { extensions?: { code?: string } }[] };
    },
    async stop() {
      await server.stop();
      await payments.stop();
      await tables.drop();
    },
  };
}

/** A fresh anonymous or customer session, as the gateway would sign it. */
export function newSession(customerId?: string): Session {
  return { sessionId: randomBytes(16).toString('base64url'), ...(customerId ? { customerId, role: 'CUSTOMER' as const } : {}) };
}

/** A signed-in session of the ADMIN role. */
export function newAdminSession(): Session {
  return { sessionId: randomBytes(16).toString('base64url'), customerId: `cus_admin_${randomBytes(4).toString('hex')}`, role: 'ADMIN' };
}
