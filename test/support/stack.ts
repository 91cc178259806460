import { createCartServer, loadCartConfig } from '@shopgraph/cart';
import { createCatalogServer, loadCatalogConfig, seedDemoCatalog, type DemoCatalogSummary } from '@shopgraph/catalog';
import {
  createCartClient,
  createCatalogPrices,
  createCheckoutServer,
  createSavedAddressClient,
  createInventoryRepository,
  loadCheckoutConfig,
  seedDemoInventory,
  type CheckoutServer,
  createOrderRepository,
  createTestPaymentProvider,
  type CartClient,
  type CheckoutConfig,
  type CheckoutServerDeps,
  type TestPaymentProvider,
} from '@shopgraph/checkout';
import type { OrderDependencies } from '../../subgraphs/checkout/test/support/crash-points.js';
import { createGatewayServer, loadGatewayConfig } from '@shopgraph/gateway';
import { createIdentityServer, loadIdentityConfig, type IdentityServerDeps } from '@shopgraph/identity';
import { createLogger, createServiceTokenSigner, generateKeys, serviceCallEnvironment, type GeneratedKeys, type Logger, type SubgraphName } from '@shopgraph/shared';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '@shopgraph/shared/dynamo';
import type { ServiceServer } from '@shopgraph/shared/server';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createTestTables, type TestTables } from './dynamo.js';
import { collectLogLines } from './log-lines.js';
import { startLocalMailbox, type LocalMailbox } from '../../tools/mail/local-mailbox.js';

/** What a test stack allows a step that has a deadline in production (see `dynamo` below). */
const SLOW_MACHINE_BUDGET_MS = 15_000;

export interface TestStack {
  gatewayUrl: string;
  subgraphUrls: Record<'catalog' | 'cart' | 'checkout' | 'identity', string>;
  /** Each service's `GET /metrics` URL, when the stack was started with METRICS_PORT. */
  metricsUrls: Partial<Record<'gateway' | 'catalog' | 'cart' | 'checkout' | 'identity', string>>;
  tables: TestTables<'catalog' | 'cart' | 'checkout' | 'identity'>;
  keys: GeneratedKeys;
  /** The prefix of every Redis key this stack's services write. */
  redisKeyPrefix: string;
  catalog: DemoCatalogSummary;
  /** Every JSON log line the stack wrote, for assertions on what was (not) logged. */
  logLines: () => Record<string, unknown>[];
  /** The real SMTP server (on loopback) identity sends this stack's email to. */
  mailbox: LocalMailbox;
  /** Checkout's recovery pass, to run by hand (it also runs on its own). */
  recovery: CheckoutServer['recovery'];
  /**
   * Another gateway replica over the same subgraphs, DynamoDB and Redis, with `env` on top
   * of the first one's configuration (another Redis, another key ring). Stopped with the stack.
   */
  startGateway(env?: Record<string, string>): Promise<string>;
  /** Sets stock levels in checkout's table, as an admin's correction would (the demo levels are 0 to 40). */
  setStock(levels: Record<string, number>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole federated stack in this process, each service on a port of its own (port 0),
 * over this file's own DynamoDB Local tables and the real Redis, seeded with the demo catalog.
 * The same factories `npm start` runs, so a green test means the real wiring works.
 */
export async function startStack({
  products = 36,
  env = {},
  identityEnv = {},
  cartEnv = {},
  identity = {},
  checkoutEnv = {},
  checkout = {},
}: {
  products?: number;
  /** On top of every service's configuration. */
  env?: Record<string, string>;
  /** On top of identity's alone (sign-in limits, the cart it hands guest carts to). */
  identityEnv?: Record<string, string>;
  /** On top of cart's alone (lifetimes, the catalog it asks). */
  cartEnv?: Record<string, string>;
  /** Identity's dependencies replaced or wrapped, to count or break what it does. */
  identity?: Pick<IdentityServerDeps, 'passwords' | 'redis'> & { wrapDynamo?: (client: DynamoDBDocumentClient) => DynamoDBDocumentClient };
  /** On top of checkout's alone. */
  checkoutEnv?: Record<string, string>;
  /**
   * Wraps checkout's orders, cart client and payment provider (a crash test puts its crash points
   * on them). The provider is then the test provider built here, without webhooks.
   */
  checkout?: { wrap?: (own: OrderDependencies) => OrderDependencies };
} = {}): Promise<TestStack> {
  const tables = await createTestTables(['catalog', 'cart', 'checkout', 'identity'] as const);
  // Each stack its own SMTP server on a port of its own: no test reads another's email.
  const mailbox = await startLocalMailbox();
  const keys = await generateKeys('test');
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ service: 'stack', level: 'info', destination: collectLogLines(lines) });
  const common = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DYNAMODB_ENDPOINT: tables.endpoint,
    INTERNAL_CONTEXT_PUBLIC_KEYS: JSON.stringify(keys.internalContextPublicKeys),
    SHUTDOWN_TIMEOUT_MS: '2000',
    ...env,
  };
  // Identity issues the tokens the gateway verifies, and both share Redis under one prefix.
  const sessionEnv = {
    SESSION_KEYS: JSON.stringify(keys.sessionKeys),
    REDIS_URL: inject('redisUrl'),
    REDIS_KEY_PREFIX: `test:stack:${randomBytes(4).toString('hex')}:`,
  };
  // Tests check behaviour, not speed: each of the product's own deadlines is raised here far
  // above what a busy machine takes (a slow DynamoDB Local answer must not read as a failure,
  // nor a retried write as two); a test of a deadline sets its own.
  const dynamo = () => createDocumentClient({ region: 'us-east-1', endpoint: tables.endpoint, requestTimeoutMs: SLOW_MACHINE_BUDGET_MS });
  const started: ServiceServer[] = [];
  /** Checkout's dependencies when the test wraps them; the provider is this stack's to stop. */
  let own: ReturnType<typeof ownOrderDependencies> | undefined;
  const metricsUrls: TestStack['metricsUrls'] = {};
  // Each subgraph's origin once it listens (port 0): the services that call it are wired from
  // SERVICE_CALLS, the table the CDK app and every other stack use.
  const origins: Partial<Record<SubgraphName, string>> = {};
  const originOf = (subgraph: SubgraphName) => origins[subgraph];
  const start = async (server: ServiceServer, service?: keyof TestStack['metricsUrls']) => {
    started.push(server);
    const { url, metricsUrl } = await server.start();
    if (service && metricsUrl) metricsUrls[service] ??= metricsUrl;
    if (service && service !== 'gateway') origins[service] = url;
    return `${url}/graphql`;
  };
  const child = (service: string): Logger => logger.child({ service });

  // Catalog and checkout announce changes over pub/sub under the stack's own prefix.
  const redisEnv = { REDIS_URL: sessionEnv.REDIS_URL, REDIS_KEY_PREFIX: sessionEnv.REDIS_KEY_PREFIX };

  try {
    // Seeded before the services start: catalog builds its search index from the table at start-up.
    const seedClient = tables.client;
    const catalog = await seedDemoCatalog(seedClient, tables.names.catalog, products);
    await seedDemoInventory(createInventoryRepository({ client: seedClient, tableName: tables.names.checkout }), catalog.variantIds);

    // Checkout starts first (catalog's index reads stock at start-up), before cart and catalog
    // have ports; it calls them only when an order is placed, through clients that find their
    // origins once those services listen.
    const checkoutConfig = loadCheckoutConfig({
      ...common,
      ...redisEnv,
      CHECKOUT_TABLE: tables.names.checkout,
      CHECKOUT_SIGNING_KEY: JSON.stringify(keys.checkoutSigningPrivateKey),
      CATALOG_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.catalogSigningPublicKeys),
      IDENTITY_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.identitySigningPublicKeys),
      PAYMENT_TIMEOUT_MS: '1000',
      ORDER_PENDING_TIMEOUT_MS: '3000',
      ...checkoutEnv,
    });
    const late = lateClients(originOf, keys);
    own = checkout.wrap && ownOrderDependencies(checkoutConfig, dynamo(), late.carts, child('checkout'));
    const wrapped = own && checkout.wrap?.(own);
    const checkoutServer = createCheckoutServer({ config: checkoutConfig, logger: child('checkout'), dynamo: dynamo(), ...late, ...wrapped });
    const checkoutUrl = await start(checkoutServer, 'checkout');
    const catalogUrl = await start(
      createCatalogServer({
        config: loadCatalogConfig({
          ...common,
          ...redisEnv,
          CATALOG_TABLE: tables.names.catalog,
          ...serviceCallEnvironment('catalog', originOf),
          CATALOG_SIGNING_KEY: JSON.stringify(keys.catalogSigningPrivateKey),
        }),
        logger: child('catalog'),
        dynamo: dynamo(),
      }),
      'catalog',
    );
    const cartUrl = await start(
      createCartServer({
        config: loadCartConfig({
          ...common,
          CART_TABLE: tables.names.cart,
          ...serviceCallEnvironment('cart', originOf),
          CHECKOUT_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.checkoutSigningPublicKeys),
          IDENTITY_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.identitySigningPublicKeys),
          CART_PEER_TIMEOUT_MS: String(SLOW_MACHINE_BUDGET_MS),
          ...cartEnv,
        }),
        logger: child('cart'),
        dynamo: dynamo(),
      }),
      'cart',
    );
    const subgraphUrls = {
      catalog: catalogUrl,
      cart: cartUrl,
      checkout: checkoutUrl,
      identity: await start(
        await createIdentityServer({
          config: loadIdentityConfig({
            ...common,
            ...sessionEnv,
            IDENTITY_TABLE: tables.names.identity,
            // Quick to notice lost revocations, so tests need not wait long.
            REVOCATION_SYNC_INTERVAL_MS: '300',
            REVOCATION_MARKER_TTL_SECONDS: '2',
            CHECKOUT_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.checkoutSigningPublicKeys),
            SMTP_HOST: '127.0.0.1',
            SMTP_PORT: String(mailbox.port),
            STOREFRONT_URL: 'http://storefront.test',
            // Every test file signs up from 127.0.0.1; the limit has tests of its own.
            SIGN_UP_MAX_PER_IP: '10000',
            ...serviceCallEnvironment('identity', originOf),
            IDENTITY_SIGNING_KEY: JSON.stringify(keys.identitySigningPrivateKey),
            IDENTITY_PEER_TIMEOUT_MS: String(SLOW_MACHINE_BUDGET_MS),
            ...identityEnv,
          }),
          logger: child('identity'),
          dynamo: identity.wrapDynamo ? identity.wrapDynamo(dynamo()) : dynamo(),
          ...(identity.passwords ? { passwords: identity.passwords } : {}),
          ...(identity.redis ? { redis: identity.redis } : {}),
        }),
        'identity',
      ),
    };
    const startGateway = async (overrides: Record<string, string> = {}) =>
      start(
        await createGatewayServer({
          config: loadGatewayConfig({
            ...common,
            ...sessionEnv,
            INTERNAL_CONTEXT_PRIVATE_KEY: JSON.stringify(keys.internalContextPrivateKey),
            // Tests send documents of their own besides the contract's; trusted-documents.int.test.ts covers enforce.
            TRUSTED_DOCUMENTS: 'allow',
            ...serviceCallEnvironment('gateway', originOf),
            SUBGRAPH_TIMEOUT_MS: String(2 * SLOW_MACHINE_BUDGET_MS),
            // When Redis cannot vouch for revocations (its marker lapses on a busy machine), the
            // session check asks identity: a slow answer must not read as identity being down.
            IDENTITY_TIMEOUT_MS: String(SLOW_MACHINE_BUDGET_MS),
            ...overrides,
          }),
          logger: child('gateway'),
        }),
        'gateway',
      );
    const gatewayUrl = await startGateway();

    return {
      gatewayUrl,
      subgraphUrls,
      metricsUrls,
      tables,
      keys,
      redisKeyPrefix: sessionEnv.REDIS_KEY_PREFIX,
      catalog,
      mailbox,
      logLines: () => lines,
      recovery: checkoutServer.recovery,
      startGateway,
      setStock: (levels) => createInventoryRepository({ client: tables.client, tableName: tables.names.checkout }).putQuantities(new Map(Object.entries(levels))),
      async stop() {
        await Promise.all(started.reverse().map((server) => server.stop()));
        await own?.payments.stop();
        await mailbox.stop();
        await tables.drop();
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((server) => server.stop()));
    await own?.payments.stop();
    await mailbox.stop();
    await tables.drop();
    throw error;
  }
}

/** The orders, cart client and payment provider checkout would build itself, for a test to wrap: the test provider, without webhooks. */
function ownOrderDependencies(config: CheckoutConfig, client: DynamoDBDocumentClient, carts: CartClient, logger: Logger): OrderDependencies & { payments: TestPaymentProvider } {
  return {
    orders: createOrderRepository({ client, tableName: config.checkoutTable }),
    carts,
    payments: createTestPaymentProvider({
      client,
      tableName: config.checkoutTable,
      webhookSecret: randomBytes(32).toString('hex'),
      webhookUrl: () => undefined,
      settleDelayMs: config.payments.provider === 'test' ? config.payments.settleDelayMs : 0,
      logger,
    }),
  };
}

/** Checkout's cart, catalog and identity clients, pointed at origins known only once those services listen. */
function lateClients(originOf: (subgraph: SubgraphName) => string | undefined, keys: GeneratedKeys): Required<Pick<CheckoutServerDeps, 'carts' | 'catalog' | 'savedAddresses'>> {
  const signer = createServiceTokenSigner(keys.checkoutSigningPrivateKey, 'checkout');
  const identity = () => createSavedAddressClient({ baseUrl: originOf('identity') ?? 'http://127.0.0.1:9', signer, timeoutMs: SLOW_MACHINE_BUDGET_MS });
  const cart = () => createCartClient({ baseUrl: originOf('cart') ?? 'http://127.0.0.1:9', signer, timeoutMs: SLOW_MACHINE_BUDGET_MS });
  const catalog = () => createCatalogPrices({ url: `${originOf('catalog') ?? 'http://127.0.0.1:9'}/graphql`, timeoutMs: SLOW_MACHINE_BUDGET_MS });
  return {
    carts: {
      cartOf: (...args) => cart().cartOf(...args),
      markCheckedOut: (...args) => cart().markCheckedOut(...args),
      hold: (...args) => cart().hold(...args),
      release: (...args) => cart().release(...args),
    },
    catalog: { pricesOf: (...args) => catalog().pricesOf(...args) },
    savedAddresses: { addressOf: (...args) => identity().addressOf(...args) },
  };
}

