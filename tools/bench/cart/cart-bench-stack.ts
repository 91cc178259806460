import { createCartServer, createCatalogClient, loadCartConfig, type CatalogClient } from '@shopgraph/cart';
import { createCatalogServer, loadCatalogConfig, seedDemoCatalog } from '@shopgraph/catalog';
import { createCheckoutServer, createInventoryRepository, loadCheckoutConfig } from '@shopgraph/checkout';
import { createGatewayServer, loadGatewayConfig } from '@shopgraph/gateway';
import { createIdentityServer, loadIdentityConfig } from '@shopgraph/identity';
import { createLogger, generateKeys, tableDefinitions } from '@shopgraph/shared';
import { createDocumentClient, ensureTable } from '@shopgraph/shared/dynamo';
import type { ServiceServer } from '@shopgraph/shared/server';
import { randomBytes } from 'node:crypto';
import { keyEnvironment } from '../../keys/service-keys.js';
import { benchServiceEnv } from '../bench-env.js';

/** The cart subgraph's own work, counted where it happens. */
export interface CartCounters {
  /** DynamoDB commands the cart subgraph sent, by command name. */
  dynamoCalls: Map<string, number>;
  /** Price lookups cart sent to the catalog. */
  catalogFetches: number;
}

export interface CartBenchStack {
  gatewayUrl: string;
  variantIds: string[];
  counters: CartCounters;
  stop(): Promise<void>;
}

/**
 * The whole stack in this process, as the tests build it, with counters on cart's DynamoDB
 * client and on its catalog client, so the benchmark reports calls measured, not guessed.
 */
export async function startCartBenchStack({ endpoint, redisUrl, products }: { endpoint: string; redisUrl: string; products: number }): Promise<CartBenchStack> {
  const run = randomBytes(3).toString('hex');
  const table = (key: keyof typeof tableDefinitions) => `bench-${run}-${key}`;
  const admin = createDocumentClient({ region: 'us-east-1', endpoint, requestTimeoutMs: 30_000 });
  for (const key of ['catalog', 'cart', 'checkout', 'identity'] as const) await ensureTable(admin, tableDefinitions[key], table(key));
  const catalog = await seedDemoCatalog(admin, table('catalog'), products);
  // Plenty of stock: this measures the cart, not sold-out answers.
  await createInventoryRepository({ client: admin, tableName: table('checkout') }).putQuantities(new Map(catalog.variantIds.map((id) => [id, 1_000_000])));
  admin.destroy();

  const keys = await generateKeys('bench');
  const logger = createLogger({ service: 'bench', level: 'warn' });
  const common = benchServiceEnv({ endpoint, keys, redisUrl, run: `cart:${run}` });
  const dynamo = () => createDocumentClient({ region: 'us-east-1', endpoint });
  const started: ServiceServer[] = [];
  const start = async (server: ServiceServer) => {
    started.push(server);
    return `${(await server.start()).url}/graphql`;
  };

  const counters: CartCounters = { dynamoCalls: new Map(), catalogFetches: 0 };
  const cartDynamo = dynamo();
  cartDynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      counters.dynamoCalls.set(name, (counters.dynamoCalls.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCountCartCommands' },
  );

  const checkoutUrl = await start(createCheckoutServer({ config: loadCheckoutConfig({ ...common, ...keyEnvironment('checkout', keys), CHECKOUT_TABLE: table('checkout') }), logger, dynamo: dynamo() }));
  const catalogUrl = await start(
    createCatalogServer({ config: loadCatalogConfig({ ...common, ...keyEnvironment('catalog', keys), CATALOG_TABLE: table('catalog'), CHECKOUT_URL: checkoutUrl }), logger, dynamo: dynamo() }),
  );
  const prices = createCatalogClient({ url: catalogUrl });
  const countedCatalog: CatalogClient = {
    variantPrices(variantIds, requestId) {
      counters.catalogFetches++;
      return prices.variantPrices(variantIds, requestId);
    },
  };
  const cartUrl = await start(
    createCartServer({
      config: loadCartConfig({ ...common, ...keyEnvironment('cart', keys), CART_TABLE: table('cart'), CATALOG_URL: catalogUrl, CHECKOUT_URL: checkoutUrl }),
      logger,
      dynamo: cartDynamo,
      catalog: countedCatalog,
    }),
  );
  const identityUrl = await start(await createIdentityServer({ config: loadIdentityConfig({
        ...common,
        ...keyEnvironment('identity', keys),
        IDENTITY_TABLE: table('identity'),
        CART_URL: cartUrl.replace(/\/graphql$/, ''),
        CHECKOUT_URL: checkoutUrl,
        // Every benchmark customer signs up from 127.0.0.1: the per-address limit would stop the set-up.
        SIGN_UP_MAX_PER_IP: '1000',
      }), logger, dynamo: dynamo() }));
  const gatewayUrl = await start(
    await createGatewayServer({
      config: loadGatewayConfig({
        ...common,
        ...keyEnvironment('gateway', keys),
        SUBGRAPH_URL_CATALOG: catalogUrl,
        SUBGRAPH_URL_CART: cartUrl,
        SUBGRAPH_URL_CHECKOUT: checkoutUrl,
        SUBGRAPH_URL_IDENTITY: identityUrl,
      }),
      logger,
    }),
  );
  return {
    gatewayUrl,
    variantIds: catalog.variantIds,
    counters,
    async stop() {
      for (const server of started.reverse()) await server.stop();
    },
  };
}
