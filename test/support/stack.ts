import { seedDemoCatalog, type DemoCatalogSummary } from '@shopgraph/catalog';
import {
  createInventoryRepository,
  seedDemoInventory,
  type CheckoutServer,
  createOrderRepository,
  createTestPaymentProvider,
  type CartClient,
  type CheckoutConfig,
  type TestPaymentProvider,
} from '@shopgraph/checkout';
import type { OrderDependencies } from '../../subgraphs/checkout/test/support/crash-points.js';
import type { IdentityServerDeps } from '@shopgraph/identity';
import { createLogger, generateKeys, type GeneratedKeys, type Logger } from '@shopgraph/shared';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '@shopgraph/shared/dynamo';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createTestTables, type TestTables } from './dynamo.js';
import { collectLogLines } from './log-lines.js';
import { startLocalMailbox, type LocalMailbox } from '../../tools/mail/local-mailbox.js';
import { buildStack, type Stack } from '../../tools/stack/build-stack.js';
import { inProcess, type InProcessService } from '../../tools/stack/in-process-runner.js';

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
 * The whole federated stack in this process (the one stack builder, run in process), each
 * service on a port of its own, over this file's own DynamoDB Local tables and the real Redis,
 * seeded with the demo catalog.
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
  // Identity issues the tokens the gateway verifies, and every service shares Redis under one prefix.
  const redis = { url: inject('redisUrl'), keyPrefix: `test:stack:${randomBytes(4).toString('hex')}:` };
  // Tests check behaviour, not speed: each of the product's own deadlines is raised here far
  // above what a busy machine takes (a slow DynamoDB Local answer must not read as a failure,
  // nor a retried write as two); a test of a deadline sets its own.
  const budget = String(SLOW_MACHINE_BUDGET_MS);
  const dynamo = () => createDocumentClient({ region: 'us-east-1', endpoint: tables.endpoint, requestTimeoutMs: SLOW_MACHINE_BUDGET_MS });
  /** Checkout's dependencies when the test wraps them; the provider is this stack's to stop. */
  let own: ReturnType<typeof ownOrderDependencies> | undefined;
  let stack: Stack<InProcessService> | undefined;

  try {
    // Seeded before the services start: catalog builds its search index from the table at start-up.
    const catalog = await seedDemoCatalog(tables.client, tables.names.catalog, products);
    await seedDemoInventory(createInventoryRepository({ client: tables.client, tableName: tables.names.checkout }), catalog.variantIds);

    const running = await buildStack({
      runner: inProcess({
        logger: (service) => logger.child({ service }),
        dynamo: (service) => (service === 'identity' && identity.wrapDynamo ? identity.wrapDynamo(dynamo()) : dynamo()),
        dependencies: {
          identity: () => ({ ...(identity.passwords ? { passwords: identity.passwords } : {}), ...(identity.redis ? { redis: identity.redis } : {}) }),
          ...(checkout.wrap
            ? {
                checkout: (config, peers) => {
                  own = ownOrderDependencies(config, dynamo(), peers.carts, logger.child({ service: 'checkout' }));
                  return checkout.wrap!(own);
                },
              }
            : {}),
        },
      }),
      dynamodb: { endpoint: tables.endpoint },
      tables: tables.names,
      keys,
      redis,
      env: { NODE_ENV: 'test', SHUTDOWN_TIMEOUT_MS: '2000', ...env },
      serviceEnv: {
        checkout: { PAYMENT_TIMEOUT_MS: '1000', ORDER_PENDING_TIMEOUT_MS: '3000', INTERNAL_CALL_TIMEOUT_MS: budget, ...checkoutEnv },
        cart: { CART_PEER_TIMEOUT_MS: budget, ...cartEnv },
        identity: {
          // Quick to notice lost revocations, so tests need not wait long.
          REVOCATION_SYNC_INTERVAL_MS: '300',
          REVOCATION_MARKER_TTL_SECONDS: '2',
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(mailbox.port),
          STOREFRONT_URL: 'http://storefront.test',
          // Every test file signs up from 127.0.0.1; the limit has tests of its own.
          SIGN_UP_MAX_PER_IP: '10000',
          IDENTITY_PEER_TIMEOUT_MS: budget,
          ...identityEnv,
        },
        gateway: {
          // Tests send documents of their own besides the contract's; trusted-documents.int.test.ts covers enforce.
          TRUSTED_DOCUMENTS: 'allow',
          SUBGRAPH_TIMEOUT_MS: String(2 * SLOW_MACHINE_BUDGET_MS),
          // When Redis cannot vouch for revocations (its marker lapses on a busy machine), the
          // session check asks identity: a slow answer must not read as identity being down.
          IDENTITY_TIMEOUT_MS: budget,
        },
      },
    });
    stack = running;
    const metricsUrls: TestStack['metricsUrls'] = {};
    for (const [service, started] of Object.entries(running.services)) if (started.metricsUrl) metricsUrls[service as keyof TestStack['metricsUrls']] = started.metricsUrl;

    return {
      gatewayUrl: running.graphqlUrl('gateway'),
      subgraphUrls: { catalog: running.graphqlUrl('catalog'), cart: running.graphqlUrl('cart'), checkout: running.graphqlUrl('checkout'), identity: running.graphqlUrl('identity') },
      metricsUrls,
      tables,
      keys,
      redisKeyPrefix: redis.keyPrefix,
      catalog,
      mailbox,
      logLines: () => lines,
      recovery: running.services.checkout!.recovery!,
      startGateway: async (overrides = {}) => `${(await running.startReplica('gateway', { name: 'gateway', env: overrides })).origin}/graphql`,
      setStock: (levels) => createInventoryRepository({ client: tables.client, tableName: tables.names.checkout }).putQuantities(new Map(Object.entries(levels))),
      async stop() {
        await running.stop();
        await own?.payments.stop();
        await mailbox.stop();
        await tables.drop();
      },
    };
  } catch (error) {
    await stack?.stop().catch(() => undefined);
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
