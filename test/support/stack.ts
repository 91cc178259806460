import { createCartServer, loadCartConfig } from '@shopgraph/cart';
import { createCatalogServer, loadCatalogConfig, seedDemoCatalog, type DemoCatalogSummary } from '@shopgraph/catalog';
import { createCheckoutServer, createInventoryRepository, loadCheckoutConfig, seedDemoInventory } from '@shopgraph/checkout';
import { createGatewayServer, loadGatewayConfig } from '@shopgraph/gateway';
import { createIdentityServer, loadIdentityConfig } from '@shopgraph/identity';
import { createLogger, generateKeys, type GeneratedKeys, type Logger } from '@shopgraph/shared';
import { createDocumentClient } from '@shopgraph/shared/dynamo';
import type { ServiceServer } from '@shopgraph/shared/server';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { createTestTables, type TestTables } from './dynamo.js';

export interface TestStack {
  gatewayUrl: string;
  subgraphUrls: Record<'catalog' | 'cart' | 'checkout' | 'identity', string>;
  tables: TestTables<'catalog' | 'cart' | 'checkout' | 'identity'>;
  keys: GeneratedKeys;
  catalog: DemoCatalogSummary;
  /** Every JSON log line the stack wrote, for assertions on what was (not) logged. */
  logLines: () => Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * The whole federated stack in this process, each service on a port of its own (port 0),
 * over this file's own DynamoDB Local tables and the real Redis, seeded with the demo catalog.
 * The same factories `npm start` runs, so a green test means the real wiring works.
 */
export async function startStack({ products = 36, env = {} }: { products?: number; env?: Record<string, string> } = {}): Promise<TestStack> {
  const tables = await createTestTables(['catalog', 'cart', 'checkout', 'identity'] as const);
  const keys = await generateKeys('test');
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ service: 'stack', level: 'info', destination: collect(lines) });
  const common = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DYNAMODB_ENDPOINT: tables.endpoint,
    INTERNAL_CONTEXT_PUBLIC_KEYS: JSON.stringify(keys.internalContextPublicKeys),
    SHUTDOWN_TIMEOUT_MS: '2000',
    ...env,
  };
  const dynamo = () => createDocumentClient({ region: 'us-east-1', endpoint: tables.endpoint });
  const started: ServiceServer[] = [];
  const start = async (server: ServiceServer) => {
    started.push(server);
    return `${(await server.start()).url}/graphql`;
  };
  const child = (service: string): Logger => logger.child({ service });

  try {
    const catalogUrl = await start(
      createCatalogServer({ config: loadCatalogConfig({ ...common, CATALOG_TABLE: tables.names.catalog }), logger: child('catalog'), dynamo: dynamo() }),
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
      checkout: await start(
        createCheckoutServer({ config: loadCheckoutConfig({ ...common, CHECKOUT_TABLE: tables.names.checkout }), logger: child('checkout'), dynamo: dynamo() }),
      ),
      identity: await start(
        createIdentityServer({ config: loadIdentityConfig({ ...common, IDENTITY_TABLE: tables.names.identity }), logger: child('identity'), dynamo: dynamo() }),
      ),
    };
    const gateway = await createGatewayServer({
      config: loadGatewayConfig({
        ...common,
        REDIS_URL: inject('redisUrl'),
        SESSION_KEYS: JSON.stringify(keys.sessionKeys),
        INTERNAL_CONTEXT_PRIVATE_KEY: JSON.stringify(keys.internalContextPrivateKey),
        SUBGRAPH_URL_CATALOG: subgraphUrls.catalog,
        SUBGRAPH_URL_CART: subgraphUrls.cart,
        SUBGRAPH_URL_CHECKOUT: subgraphUrls.checkout,
        SUBGRAPH_URL_IDENTITY: subgraphUrls.identity,
      }),
      logger: child('gateway'),
    });
    const gatewayUrl = await start(gateway);

    const seedClient = tables.client;
    const catalog = await seedDemoCatalog(seedClient, tables.names.catalog, products);
    await seedDemoInventory(createInventoryRepository({ client: seedClient, tableName: tables.names.checkout }), catalog.variantIds);

    return {
      gatewayUrl,
      subgraphUrls,
      tables,
      keys,
      catalog,
      logLines: () => lines,
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

function collect(lines: Record<string, unknown>[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
}
