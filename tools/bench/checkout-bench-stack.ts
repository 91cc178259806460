import { createCartServer, loadCartConfig } from '@shopgraph/cart';
import { createCatalogServer, loadCatalogConfig, seedDemoCatalog } from '@shopgraph/catalog';
import { createCheckoutServer, createInventoryRepository, loadCheckoutConfig, seedDemoInventory, type InventoryRepository } from '@shopgraph/checkout';
import { createInternalContextSigner, createLogger, generateKeys, HEADER_INTERNAL_CONTEXT, newSessionId, tableDefinitions } from '@shopgraph/shared';
import { createDocumentClient, ensureTable } from '@shopgraph/shared/dynamo';
import type { ServiceServer } from '@shopgraph/shared/server';
import { randomBytes, randomUUID } from 'node:crypto';
import { benchServiceEnv } from './bench-env.js';

/** The three subgraphs an order touches, called directly with contexts signed as the gateway signs them. */
export interface BenchCheckout {
  variantIds: string[];
  inventory: InventoryRepository;
  /** DynamoDB calls each service has made so far, by `service command` (e.g. "checkout TransactWriteItemsCommand"). */
  dynamoCalls: () => Map<string, number>;
  /** A new anonymous shopper: adds to its cart, places its order. */
  shopper(): { add(variantId: string, quantity: number): Promise<void>; place(token?: string): Promise<{ status?: string; error?: string }> };
  stop(): Promise<void>;
}

const PLACE_ORDER = /* GraphQL */ `
  mutation ($input: PlaceOrderInput!, $key: String!) { placeOrder(input: $input, idempotencyKey: $key) { order { id status } errors { code } } }
`;
const ADD_TO_CART = /* GraphQL */ `mutation ($variantId: ID!, $quantity: Int!) { addToCart(variantId: $variantId, quantity: $quantity) { errors { code } } }`;

export async function startBenchCheckout({ endpoint, products, redisUrl }: { endpoint: string; products: number; redisUrl: string }): Promise<BenchCheckout> {
  const run = randomBytes(3).toString('hex');
  const names = { catalog: `bench-${run}-catalog`, cart: `bench-${run}-cart`, checkout: `bench-${run}-checkout` };
  const admin = createDocumentClient({ region: 'us-east-1', endpoint, requestTimeoutMs: 30_000 });
  await ensureTable(admin, tableDefinitions.catalog, names.catalog);
  await ensureTable(admin, tableDefinitions.cart, names.cart);
  await ensureTable(admin, tableDefinitions.checkout, names.checkout);
  const summary = await seedDemoCatalog(admin, names.catalog, products);
  await seedDemoInventory(createInventoryRepository({ client: admin, tableName: names.checkout }), summary.variantIds);
  admin.destroy();

  const keys = await generateKeys('bench');
  const logger = createLogger({ service: 'bench', level: 'warn' });
  const common = benchServiceEnv({ endpoint, keys, redisUrl, run });
  const started: ServiceServer[] = [];
  const start = async (server: ServiceServer) => {
    started.push(server);
    return (await server.start()).url;
  };

  const calls = new Map<string, number>();
  /** A client whose every command is counted, by service and kind: the code's own calls, nothing estimated. */
  const countedClient = (service: string) => {
    const client = createDocumentClient({ region: 'us-east-1', endpoint });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const name = `${service} ${String(context.commandName ?? 'unknown')}`;
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return next(args);
      },
      { step: 'initialize', name: 'benchCountCommands' },
    );
    return client;
  };
  // Catalog and cart listen first on known ports, so checkout gets their URLs in its config.
  const catalogBase = await start(
    createCatalogServer({
      // No checkout to read stock flags from yet (its prices are all this benchmark needs); quiet about it.
      config: loadCatalogConfig({ ...common, CATALOG_TABLE: names.catalog, CHECKOUT_URL: 'http://127.0.0.1:9/graphql', CATALOG_SIGNING_KEY: JSON.stringify(keys.catalogSigningPrivateKey) }),
      logger: createLogger({ service: 'bench-catalog', level: 'error' }),
      dynamo: countedClient('catalog'),
    }),
  );
  const cartBase = await start(
    createCartServer({
      config: loadCartConfig({ ...common, CART_TABLE: names.cart, CATALOG_URL: `${catalogBase}/graphql`, CHECKOUT_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.checkoutSigningPublicKeys), IDENTITY_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.identitySigningPublicKeys) }),
      logger,
      dynamo: countedClient('cart'),
    }),
  );
  const checkoutBase = await start(
    createCheckoutServer({
      config: loadCheckoutConfig({
        ...common,
        CHECKOUT_TABLE: names.checkout,
        CART_URL: cartBase,
        CATALOG_URL: `${catalogBase}/graphql`,
        CHECKOUT_SIGNING_KEY: JSON.stringify(keys.checkoutSigningPrivateKey),
        CATALOG_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.catalogSigningPublicKeys),
        IDENTITY_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.identitySigningPublicKeys),
        // Long enough that no recovery pass runs during the measurement.
        RECOVERY_INTERVAL_MS: '3600000',
      }),
      logger,
      dynamo: countedClient('checkout'),
    }),
  );

  const signer = await createInternalContextSigner(keys.internalContextPrivateKey);
  const post = async <T>(url: string, query: string, variables: Record<string, unknown>, sessionId: string) => {
    // Each subgraph accepts only a context signed for it.
    const context = await signer.sign({ session: { sessionId }, requestId: randomUUID() }, url.startsWith(cartBase) ? 'cart' : 'checkout');
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [HEADER_INTERNAL_CONTEXT]: context }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (!body.data) throw new Error(`request failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  };

  return {
    variantIds: summary.variantIds,
    inventory: createInventoryRepository({ client: createDocumentClient({ region: 'us-east-1', endpoint }), tableName: names.checkout }),
    dynamoCalls: () => new Map(calls),
    shopper() {
      const sessionId = newSessionId();
      return {
        async add(variantId, quantity) {
          const data = await post<{ addToCart: { errors: { code: string }[] } }>(`${cartBase}/graphql`, ADD_TO_CART, { variantId, quantity }, sessionId);
          if (data.addToCart.errors.length > 0) throw new Error(`addToCart: ${data.addToCart.errors[0]!.code}`);
        },
        async place(token = 'tok_test_success') {
          const input = {
            email: 'bench@example.com',
            shippingAddress: { name: 'Bench', line1: '1 Main St', city: 'Springfield', postalCode: '12345', countryCode: 'US' },
            shippingMethodId: 'standard',
            payment: { token },
          };
          const data = await post<{ placeOrder: { order: { status: string } | null; errors: { code: string }[] } }>(`${checkoutBase}/graphql`, PLACE_ORDER, { input, key: randomUUID() }, sessionId);
          return data.placeOrder.order ? { status: data.placeOrder.order.status } : { error: data.placeOrder.errors[0]?.code ?? 'unknown' };
        },
      };
    },
    async stop() {
      await Promise.allSettled(started.reverse().map((server) => server.stop()));
    },
  };
}
