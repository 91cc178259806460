import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createServiceTokenSigner, createServiceTokenVerifier, type Logger } from '@shopgraph/shared';
import { createSubgraphServer, type SubgraphServer } from '@shopgraph/shared/server';
import { createCartClient, type CartClient } from './peers/cart-client.js';
import { createSavedAddressClient, type SavedAddresses } from './peers/saved-address-client.js';
import { createCatalogPrices, type CatalogPrices } from './peers/catalog-client.js';
import type { CheckoutConfig } from './config.js';
import { createCheckoutLoaders, type CheckoutContext, type OrderServices } from './context.js';
import { createGuestOrderHandOver } from './domain/guest-order-hand-over.js';
import type { OrderTiming } from './domain/order-deps.js';
import { identityRoutes } from './internal/identity-routes.js';
import { stockRoutes } from './internal/stock-routes.js';
import { applyPaymentEvent } from './domain/apply-payment-event.js';
import { createConfiguredPaymentProvider } from './payment/create-payment-provider.js';
import type { PaymentProvider } from './payment/payment-provider.js';
import { resolvers } from './resolvers/index.js';
import { createGuestOrders } from './store/guest-orders.js';
import { createInventoryRepository } from './store/inventory-repository.js';
import { createOrderRepository, type OrderRepository } from './store/order-repository.js';
import { createWebhookEventRepository } from './store/webhook-event-repository.js';
import { createRecoveryLoop, type RecoveryLoop } from './sync/recovery-loop.js';
import { withStockNotices } from './sync/stock-announcing-orders.js';
import { createStockNotices } from './sync/stock-notices.js';
import { PAYMENT_WEBHOOK_PATH, paymentWebhookRoute } from './webhooks/payment-webhook-route.js';

export interface CheckoutServerDeps {
  config: CheckoutConfig;
  logger: Logger;
  dynamo: DynamoDBDocumentClient;
  /** Defaults to the provider config.payments names (PAYMENT_PROVIDER); a test passes its own. */
  payments?: PaymentProvider;
  /** Defaults to cart's internal routes at config.cartUrl. */
  carts?: CartClient;
  /** Defaults to catalog's subgraph at config.catalogUrl. */
  catalog?: CatalogPrices;
  /** Defaults to identity's internal route at config.identityUrl. */
  savedAddresses?: SavedAddresses;
  /** Defaults to the orders in config.checkoutTable. */
  orders?: OrderRepository;
}

export interface CheckoutServer extends SubgraphServer<CheckoutContext> {
  /** The recovery pass, for tests that run it by hand (it also runs on its own once started). */
  recovery: RecoveryLoop;
}

/** Builds the checkout subgraph; it listens (and connects to Redis) only when `start()` is called. */
export function createCheckoutServer(deps: CheckoutServerDeps): CheckoutServer {
  const { config, logger, dynamo } = deps;
  const inventory = createInventoryRepository({ client: dynamo, tableName: config.checkoutTable });
  const stockNotices = createStockNotices({ url: config.redis.url, prefix: config.redis.keyPrefix, logger });
  const orders = withStockNotices(deps.orders ?? createOrderRepository({ client: dynamo, tableName: config.checkoutTable }), stockNotices);
  const signer = createServiceTokenSigner(config.signingKey, 'checkout');
  const carts = deps.carts ?? createCartClient({ baseUrl: config.cartUrl, signer, timeoutMs: config.internalCallTimeoutMs });
  // Checkout's own webhook route, once it listens: where the test provider delivers.
  let ownWebhookUrl: string | undefined;
  // A provider a test passes in is the test's to stop.
  const configured = deps.payments
    ? { provider: deps.payments, stop: async () => undefined }
    : createConfiguredPaymentProvider(config.payments, { client: dynamo, tableName: config.checkoutTable, logger, ownWebhookUrl: () => ownWebhookUrl });
  const payments = configured.provider;
  const timing: OrderTiming = Object.freeze({
    paymentTimeoutMs: config.paymentTimeoutMs,
    orderPendingTimeoutMs: config.orderPendingTimeoutMs,
    stockHoldMs: config.stockHoldMs,
    authorizationHoldMs: config.authorizationHoldMs,
    // A cart stays held past its order's hold for one recovery interval and the two provider
    // calls (lookup, void) recovery makes to release the order: never editable while it can be paid.
    cartHoldMarginMs: config.recoveryIntervalMs + 2 * config.paymentTimeoutMs,
  });
  const guestOrders = createGuestOrderHandOver(createGuestOrders({ client: dynamo, tableName: config.checkoutTable }));
  const orderServices: OrderServices = {
    orders,
    guestOrders,
    carts,
    catalog: deps.catalog ?? createCatalogPrices({ url: `${config.catalogUrl}/graphql`, timeoutMs: config.internalCallTimeoutMs }),
    savedAddresses: deps.savedAddresses ?? createSavedAddressClient({ baseUrl: config.identityUrl, signer, timeoutMs: config.internalCallTimeoutMs }),
    payments,
    timing,
    idempotencyTtlSeconds: config.idempotencyTtlSeconds,
  };
  const recovery = createRecoveryLoop({
    orders,
    carts,
    payments,
    logger: logger.child({ task: 'recovery' }),
    timing,
    intervalMs: config.recoveryIntervalMs,
  });
  const catalogVerifier = createServiceTokenVerifier(config.catalogPublicKeys, { issuer: 'catalog', audience: 'checkout' });
  const server = createSubgraphServer<CheckoutContext>({
    name: 'checkout',
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    resolvers,
    logger,
    config,
    tables: { client: dynamo, names: [config.checkoutTable] },
    extendContext: (base) => ({ ...base, inventory, stockNotices, orderServices, loaders: createCheckoutLoaders(inventory) }),
    internalRoutes: [
      stockRoutes({ inventory, verifier: catalogVerifier, logger }),
      identityRoutes({
        handOver: guestOrders,
        verifier: createServiceTokenVerifier(config.identityPublicKeys, { issuer: 'identity', audience: 'checkout' }),
        logger,
      }),
    ],
    async onStart() {
      if (config.payments.provider === 'test' && config.payments.inProduction && !deps.payments) {
        logger.warn('PAYMENT_PROVIDER=test under NODE_ENV=production (ALLOW_TEST_PAYMENTS=true): no money moves, every order is free');
      }
      await stockNotices.start();
    },
    onListening(url) {
      ownWebhookUrl = `${url}${PAYMENT_WEBHOOK_PATH}`;
      // Once listening: a pass at start-up resolves what a crashed replica left behind.
      recovery.start();
    },
    async onStop() {
      await recovery.stop();
      await configured.stop();
      await stockNotices.stop();
    },
    publicRoutes: paymentWebhookRoute({
      payments,
      events: createWebhookEventRepository({ client: dynamo, tableName: config.checkoutTable }),
      apply: (event, requestId) => applyPaymentEvent({ orders, carts, payments, timing, requestId, logger: logger.child({ requestId }) }, event),
      logger: logger.child({ route: PAYMENT_WEBHOOK_PATH }),
    }),
  });
  return { ...server, recovery };
}
