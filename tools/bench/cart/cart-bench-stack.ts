import { createCatalogClient, type CatalogClient } from '@shopgraph/cart';
import { createLogger, generateKeys } from '@shopgraph/shared';
import { createDocumentClient } from '@shopgraph/shared/dynamo';
import { randomBytes } from 'node:crypto';
import { buildStack } from '../../stack/build-stack.js';
import { inProcess } from '../../stack/in-process-runner.js';
import { prefixedTables, seedStackTables } from '../../stack/prepare-data.js';
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
  const tables = prefixedTables(`bench-${run}`);
  const counters: CartCounters = { dynamoCalls: new Map(), catalogFetches: 0 };
  const cartDynamo = createDocumentClient({ region: 'us-east-1', endpoint });
  cartDynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      counters.dynamoCalls.set(name, (counters.dynamoCalls.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCountCartCommands' },
  );
  let variantIds: string[] = [];
  const stack = await buildStack({
    runner: inProcess({
      logger: () => createLogger({ service: 'bench', level: 'warn' }),
      dynamo: (service) => (service === 'cart' ? cartDynamo : createDocumentClient({ region: 'us-east-1', endpoint })),
      dependencies: {
        cart: (config) => {
          const prices = createCatalogClient({ url: `${config.catalogUrl}/graphql`, timeoutMs: config.peerTimeoutMs });
          const countedCatalog: CatalogClient = {
            variantPrices(ids, requestId) {
              counters.catalogFetches++;
              return prices.variantPrices(ids, requestId);
            },
          };
          return { catalog: countedCatalog };
        },
      },
    }),
    dynamodb: { endpoint },
    keys: await generateKeys('bench'),
    redis: { url: redisUrl, keyPrefix: `bench:cart:${run}:` },
    tables,
    // Plenty of stock: this measures the cart, not sold-out answers.
    prepare: async () => {
      variantIds = (await seedStackTables(endpoint, tables, { products, stockPerVariant: 1_000_000 })).variantIds;
    },
    env: benchServiceEnv(),
    // Every benchmark customer signs up from 127.0.0.1: the per-address limit would stop the set-up.
    serviceEnv: { identity: { SIGN_UP_MAX_PER_IP: '1000' } },
  });
  return { gatewayUrl: stack.graphqlUrl('gateway'), variantIds, counters, stop: () => stack.stop() };
}
