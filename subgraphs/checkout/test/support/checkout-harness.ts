import { createInternalContextSigner, createLogger, generateKeys, HEADER_INTERNAL_CONTEXT, type GeneratedKeys, type Session } from '@shopgraph/shared';
import { createDocumentClient } from '@shopgraph/shared/dynamo';
import { InternalCallError } from '@shopgraph/shared/server';
import { randomBytes, randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createTestTables, type TestTables } from '../../../../test/support/dynamo.js';
import type { CartClient, CheckoutCart } from '../../src/clients/cart-client.js';
import type { CatalogPrices } from '../../src/clients/catalog-client.js';
import { loadCheckoutConfig } from '../../src/config.js';
import type { Money } from '../../src/domain/order.js';
import { ownerKey, type OrderOwner } from '../../src/domain/order.js';
import { PaymentOutcomeUnknown } from '../../src/errors.js';
import { createTestPaymentProvider, type TestPaymentProvider } from '../../src/payment/test-provider/test-payment-provider.js';
import { createCheckoutServer, type CheckoutServer } from '../../src/server.js';
import { createInventoryRepository, type InventoryRepository } from '../../src/store/inventory-repository.js';

/**
 * Cart and catalog as checkout sees them, in memory: a checkout-only test controls exactly
 * what the cart holds (two lines of one variant, 97 variants) and when a service is down.
 * The real routes are covered end to end through the gateway.
 */
export interface FakeCart extends CartClient {
  carts: Map<string, CheckoutCart>;
  marks: { cartId: string; orderId: string }[];
  down: boolean;
  /** Only marking fails (the read still works). */
  markingFails: boolean;
  give(owner: OrderOwner, lines: { variantId: string; quantity: number }[]): CheckoutCart;
}

function createFakeCart(): FakeCart {
  const carts = new Map<string, CheckoutCart>();
  const fake: FakeCart = {
    carts,
    marks: [],
    down: false,
    markingFails: false,
    give(owner, lines) {
      const cart: CheckoutCart = {
        id: `cart_${randomBytes(6).toString('hex')}`,
        version: 1,
        status: 'ACTIVE',
        lines: lines.map((line, index) => ({ id: `line_${index}`, ...line })),
      };
      carts.set(ownerKey(owner), cart);
      return cart;
    },
    async cartOf(owner) {
      if (fake.down) throw new InternalCallError('cart', 'unreachable', 'did not answer (test)');
      return carts.get(ownerKey(owner));
    },
    async markCheckedOut(owner, cartId, orderId) {
      if (fake.down || fake.markingFails) throw new InternalCallError('cart', 'unreachable', 'did not answer (test)');
      const cart = carts.get(ownerKey(owner));
      if (cart?.id === cartId && cart.status === 'CHECKED_OUT' && fake.marks.some((mark) => mark.cartId === cartId && mark.orderId === orderId)) return 'already-marked';
      if (cart?.id !== cartId || cart.status !== 'ACTIVE') return 'not-found';
      cart.status = 'CHECKED_OUT';
      fake.marks.push({ cartId, orderId });
      return 'marked';
    },
  };
  return fake;
}

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
   * `webhooksLost`, its webhooks never reach checkout (as when checkout is down).
   */
  faults: { lookupFails: boolean; webhooksLost: boolean };
  /** The signal of every authorize call checkout made, to see the payment deadline abort them. */
  authorizeSignals: AbortSignal[];
  inventory: InventoryRepository;
  /** Catalog prices the fake catalog answers; absent variants are unknown to it. */
  prices: Map<string, Money>;
  request<T>(query: string, variables: Record<string, unknown>, session?: Session): Promise<{ data?: T; errors?: { extensions?: { code?: string } }[] }>;
  stop(): Promise<void>;
}

export async function startCheckoutHarness(fileTag: string): Promise<CheckoutHarness> {
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
  const faults = { lookupFails: false, webhooksLost: false };
  const authorizeSignals: AbortSignal[] = [];
  const catalog: CatalogPrices = { pricesOf: async (ids) => new Map(ids.flatMap((id) => (prices.has(id) ? [[id, prices.get(id)!] as [string, Money]] : []))) };
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
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: `test:${fileTag}:${randomBytes(4).toString('hex')}:`,
      PAYMENT_TIMEOUT_MS: '500',
      ORDER_PENDING_TIMEOUT_MS: '2000',
      RECOVERY_INTERVAL_MS: '3600000',
      SHUTDOWN_TIMEOUT_MS: '1000',
    }),
    logger,
    dynamo: createDocumentClient({ region: 'us-east-1', endpoint: tables.endpoint }),
    carts: cart,
    catalog,
    payments: {
      ...payments,
      authorize: (request, signal) => {
        authorizeSignals.push(signal);
        return payments.authorize(request, signal);
      },
      lookup: (orderId, signal) => (faults.lookupFails ? Promise.reject(new PaymentOutcomeUnknown('connection', 'provider down (test)')) : payments.lookup(orderId, signal)),
    },
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
    inventory: createInventoryRepository({ client: tables.client, tableName: tables.names.checkout }),
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
