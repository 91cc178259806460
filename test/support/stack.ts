import { createCartServer, loadCartConfig } from '@shopgraph/cart';
import { createCatalogServer, loadCatalogConfig, seedDemoCatalog, type DemoCatalogSummary } from '@shopgraph/catalog';
import { createCheckoutServer, createInventoryRepository, loadCheckoutConfig, seedDemoInventory } from '@shopgraph/checkout';
import { createGatewayServer, loadGatewayConfig } from '@shopgraph/gateway';
import { createIdentityServer, loadIdentityConfig } from '@shopgraph/identity';
import { createLogger, generateKeys, type GeneratedKeys, type Logger } from '@shopgraph/shared';
import { createDocumentClient } from '@shopgraph/shared/dynamo';
import type { ServiceServer } from '@shopgraph/shared/server';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createTestTables, type TestTables } from './dynamo.js';
import { collectLogLines } from './log-lines.js';

export interface TestStack {
  gatewayUrl: string;
  subgraphUrls: Record<'catalog' | 'cart' | 'checkout' | 'identity', string>;
  tables: TestTables<'catalog' | 'cart' | 'checkout' | 'identity'>;
  keys: GeneratedKeys;
  /** The prefix of every Redis key this stack's services write. */
  redisKeyPrefix: string;
  catalog: DemoCatalogSummary;
  /** Every JSON log line the stack wrote, for assertions on what was (not) logged. */
  logLines: () => Record<string, unknown>[];
  /**
   * Another gateway replica over the same subgraphs, DynamoDB and Redis, with `env` on top
   * of the first one's configuration (another Redis, another key ring). Stopped with the stack.
   */
  startGateway(env?: Record<string, string>): Promise<string>;
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
}: {
  products?: number;
  /** On top of every service's configuration. */
  env?: Record<string, string>;
  /** On top of identity's alone (sign-in limits). */
  identityEnv?: Record<string, string>;
} = {}): Promise<TestStack> {
  const tables = await createTestTables(['catalog', 'cart', 'checkout', 'identity'] as const);
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
  const dynamo = () => createDocumentClient({ region: 'us-east-1', endpoint: tables.endpoint });
  const started: ServiceServer[] = [];
  const start = async (server: ServiceServer) => {
    started.push(server);
    return `${(await server.start()).url}/graphql`;
  };
  const child = (service: string): Logger => logger.child({ service });

  // Catalog and checkout announce changes over pub/sub under the stack's own prefix.
  const redisEnv = { REDIS_URL: sessionEnv.REDIS_URL, REDIS_KEY_PREFIX: sessionEnv.REDIS_KEY_PREFIX };

  try {
    // Seeded before the services start: catalog builds its search index from the table at start-up.
    const seedClient = tables.client;
    const catalog = await seedDemoCatalog(seedClient, tables.names.catalog, products);
    await seedDemoInventory(createInventoryRepository({ client: seedClient, tableName: tables.names.checkout }), catalog.variantIds);

    // Checkout first: catalog's index asks it for stock flags at start-up.
    const checkoutUrl = await start(
      createCheckoutServer({ config: loadCheckoutConfig({ ...common, ...redisEnv, CHECKOUT_TABLE: tables.names.checkout }), logger: child('checkout'), dynamo: dynamo() }),
    );
    const catalogUrl = await start(
      createCatalogServer({
        config: loadCatalogConfig({ ...common, ...redisEnv, CATALOG_TABLE: tables.names.catalog, CHECKOUT_URL: checkoutUrl }),
        logger: child('catalog'),
        dynamo: dynamo(),
      }),
    );
    const subgraphUrls = {
      catalog: catalogUrl,
      cart: await start(
        createCartServer({
          config: loadCartConfig({ ...common, CART_TABLE: tables.names.cart, CATALOG_URL: catalogUrl }),
          logger: child('cart'),
          dynamo: dynamo(),
        }),
      ),
      checkout: checkoutUrl,
      identity: await start(
        await createIdentityServer({
          config: loadIdentityConfig({
            ...common,
            ...sessionEnv,
            IDENTITY_TABLE: tables.names.identity,
            // Quick to notice lost revocations, so tests need not wait long.
            REVOCATION_SYNC_INTERVAL_MS: '300',
            ...identityEnv,
          }),
          logger: child('identity'),
          dynamo: dynamo(),
        }),
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
            SUBGRAPH_URL_CATALOG: subgraphUrls.catalog,
            SUBGRAPH_URL_CART: subgraphUrls.cart,
            SUBGRAPH_URL_CHECKOUT: subgraphUrls.checkout,
            SUBGRAPH_URL_IDENTITY: subgraphUrls.identity,
            ...overrides,
          }),
          logger: child('gateway'),
        }),
      );
    const gatewayUrl = await startGateway();

    return {
      gatewayUrl,
      subgraphUrls,
      tables,
      keys,
      redisKeyPrefix: sessionEnv.REDIS_KEY_PREFIX,
      catalog,
      logLines: () => lines,
      startGateway,
      async stop() {
        await Promise.all(started.reverse().map((server) => server.stop()));
        await tables.drop();
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((server) => server.stop()));
    await tables.drop();
    throw error;
  }
}
