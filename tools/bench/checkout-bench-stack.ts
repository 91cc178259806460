import { createInventoryRepository, type InventoryRepository } from '@shopgraph/checkout';
import { createInternalContextSigner, createLogger, generateKeys, HEADER_INTERNAL_CONTEXT, newSessionId } from '@shopgraph/shared';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '@shopgraph/shared/dynamo';
import { randomBytes, randomUUID } from 'node:crypto';
import { buildStack } from '../stack/build-stack.js';
import { inProcess } from '../stack/in-process-runner.js';
import { prefixedTables, seedStackTables } from '../stack/prepare-data.js';
import { benchServiceEnv } from './bench-env.js';

/** The three subgraphs an order touches, called directly with contexts signed as the gateway signs them. */
export interface BenchCheckout {
  variantIds: string[];
  inventory: InventoryRepository;
  /** DynamoDB calls each service has made so far, by `service command` (e.g. "checkout TransactWriteItemsCommand"). */
  dynamoCalls: () => Map<string, number>;
  /** A new anonymous shopper: adds to its cart, places its order, confirms it after 3-D Secure. */
  shopper(): BenchShopper;
  /** One recovery pass as of `now` (a time past the holds settles abandoned payments without waiting for them). */
  recover(now: Date): Promise<unknown>;
  /** What checkout's table holds now: orders by status, and the cart guards (one per live order). */
  orderCensus(): Promise<{ byStatus: Record<string, number>; unitsPaid: Record<string, number>; cartGuards: number }>;
  stop(): Promise<void>;
}

export interface PlacedOutcome {
  orderId?: string;
  status?: string;
  error?: string;
}

export interface BenchShopper {
  add(variantId: string, quantity: number): Promise<void>;
  place(token?: string): Promise<PlacedOutcome>;
  confirm(orderId: string): Promise<PlacedOutcome>;
}

const PLACE_ORDER = /* GraphQL */ `
  mutation ($input: PlaceOrderInput!, $key: String!) { placeOrder(input: $input, idempotencyKey: $key) { order { id status } errors { code } } }
`;
const CONFIRM_PAYMENT = /* GraphQL */ `mutation ($orderId: ID!) { confirmPayment(orderId: $orderId) { order { id status } errors { code } } }`;
type OrderPayload = { order: { id: string; status: string } | null; errors: { code: string }[] };
const outcomeOf = ({ order, errors }: OrderPayload): PlacedOutcome => (order ? { orderId: order.id, status: order.status } : { error: errors[0]?.code ?? 'unknown' });
const ADD_TO_CART = /* GraphQL */ `mutation ($variantId: ID!, $quantity: Int!) { addToCart(variantId: $variantId, quantity: $quantity) { errors { code } } }`;

/** `checkoutEnv` goes on top of checkout's configuration (shorter payment holds, say). */
export async function startBenchCheckout({ endpoint, products, redisUrl, checkoutEnv = {} }: { endpoint: string; products: number; redisUrl: string; checkoutEnv?: Record<string, string> }): Promise<BenchCheckout> {
  const run = randomBytes(3).toString('hex');
  const tables = prefixedTables(`bench-${run}`);
  const keys = await generateKeys('bench');
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
  let variantIds: string[] = [];
  const stack = await buildStack({
    runner: inProcess({ logger: () => createLogger({ service: 'bench', level: 'warn' }), dynamo: countedClient }),
    services: ['checkout', 'catalog', 'cart'],
    dynamodb: { endpoint },
    keys,
    redis: { url: redisUrl, keyPrefix: `bench:${run}:` },
    tables,
    prepare: async () => {
      variantIds = (await seedStackTables(endpoint, tables, { products })).variantIds;
    },
    env: benchServiceEnv(),
    serviceEnv: {
      // Long enough that no recovery pass runs by itself: the benchmark runs it when it means to.
      checkout: { RECOVERY_INTERVAL_MS: '3600000', ...checkoutEnv },
    },
  });
  const cartBase = stack.services.cart!.origin;
  const checkoutBase = stack.services.checkout!.origin;
  const recovery = stack.services.checkout!.recovery!;
  const reader = createDocumentClient({ region: 'us-east-1', endpoint });

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
    variantIds,
    inventory: createInventoryRepository({ client: reader, tableName: tables.checkout }),
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
          const data = await post<{ placeOrder: OrderPayload }>(`${checkoutBase}/graphql`, PLACE_ORDER, { input, key: randomUUID() }, sessionId);
          return outcomeOf(data.placeOrder);
        },
        async confirm(orderId) {
          const data = await post<{ confirmPayment: OrderPayload }>(`${checkoutBase}/graphql`, CONFIRM_PAYMENT, { orderId }, sessionId);
          return outcomeOf(data.confirmPayment);
        },
      };
    },
    recover: (now) => recovery.runOnce(now),
    async orderCensus() {
      const byStatus: Record<string, number> = {};
      const unitsPaid: Record<string, number> = {};
      let cartGuards = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        // A benchmark's own look at the table it made: the service never scans.
        const page = await reader.send(new ScanCommand({ TableName: tables.checkout, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
        for (const item of page.Items ?? []) {
          if (item['entity'] === 'CartHold') cartGuards += 1;
          if (item['entity'] !== 'Order') continue;
          const status = String(item['status']);
          byStatus[status] = (byStatus[status] ?? 0) + 1;
          if (status !== 'PAID') continue;
          for (const line of item['lines'] as { variantId: string; quantity: number }[]) unitsPaid[line.variantId] = (unitsPaid[line.variantId] ?? 0) + line.quantity;
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return { byStatus, unitsPaid, cartGuards };
    },
    async stop() {
      await stack.stop();
      reader.destroy();
    },
  };
}
