import { createInventoryRepository, createTestPaymentProvider } from '@shopgraph/checkout';
import { createLogger } from '@shopgraph/shared';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomUUID } from 'node:crypto';
import { contractOperation, createStorefront } from './graphql-client.js';
import type { TestStack } from './stack.js';

export const PLACE_ORDER = contractOperation('PlaceOrder');
const ADD_TO_CART = contractOperation('AddToCart');
const START_SESSION = contractOperation('StartSession');
const SIGN_UP = contractOperation('SignUp');

export interface PlacedOrder {
  id: string;
  number: string;
  status: string;
  email: string;
  lines: { quantity: number; variant: { id: string; sku: string }; unitPrice: { amount: number; currencyCode: string } }[];
  subtotal: { amount: number; currencyCode: string };
  shippingTotal: { amount: number; currencyCode: string };
  total: { amount: number; currencyCode: string };
  createdAt: string;
}

export interface PlaceOrderAnswer {
  placeOrder?: { order: PlacedOrder | null; errors: { code: string; message: string; field: string[] | null }[] };
}

export type Storefront = ReturnType<typeof createStorefront>;

/** A valid placeOrder input; override what a test is about. */
export function orderInput(overrides: Record<string, unknown> = {}, token = 'tok_test_success') {
  return {
    email: 'buyer@example.com',
    shippingAddress: { name: 'Ada Lovelace', line1: '1 Main St', city: 'Springfield', postalCode: '12345', countryCode: 'US' },
    shippingMethodId: 'standard',
    payment: { token },
    ...overrides,
  };
}

/** Helpers over one test stack for the checkout flows, as a storefront sends them. */
export function checkoutHelpers(stack: TestStack) {
  const inventory = createInventoryRepository({ client: stack.tables.client, tableName: stack.tables.names.checkout });
  // The test provider's ledger, read as another replica would: every payment checkout took, durable.
  const ledger = createTestPaymentProvider({
    client: stack.tables.client,
    tableName: stack.tables.names.checkout,
    webhookSecret: randomBytes(32).toString('hex'),
    webhookUrl: () => undefined,
    settleDelayMs: 0,
    logger: createLogger({ service: 'test-ledger', level: 'silent' }),
  });
  return {
    inventory,
    /** Amount captured per order id, from the test provider's ledger. */
    async charged() {
      return new Map((await ledger.payments()).filter((payment) => payment.status === 'captured').map((payment) => [payment.orderId, payment.amount.amount]));
    },
    /** A web shopper with a fresh anonymous session (cookie). */
    webShopper: () => createStorefront(stack.gatewayUrl),
    /** A mobile shopper with a bearer session. */
    async mobileShopper() {
      const { body } = await createStorefront(stack.gatewayUrl).request<{ startSession: { sessionToken: string } }>(START_SESSION, { transport: 'BEARER' });
      return createStorefront(stack.gatewayUrl, { bearer: body.data!.startSession.sessionToken });
    },
    /** A signed-in customer: a web client (cookie), or a mobile one (bearer token). */
    async customer(transport: 'COOKIE' | 'BEARER' = 'COOKIE') {
      const web = createStorefront(stack.gatewayUrl);
      const { body } = await web.request<{ signUp: { customer: { id: string } | null; sessionToken: string | null; errors: unknown[] } }>(SIGN_UP, {
        input: { email: `c-${randomUUID()}@example.com`, password: 'correct horse battery staple', name: 'Ada', transport },
      });
      if (!body.data?.signUp.customer) throw new Error(`sign-up failed: ${JSON.stringify(body)}`);
      const client = transport === 'BEARER' ? createStorefront(stack.gatewayUrl, { bearer: body.data.signUp.sessionToken! }) : web;
      return { web: client, customerId: body.data.signUp.customer.id };
    },
    async add(shopper: Storefront, variantId: string, quantity = 1) {
      const { body } = await shopper.request<{ addToCart: { cart: { version: number } | null; errors: unknown[] } }>(ADD_TO_CART, { variantId, quantity });
      if (!body.data?.addToCart.cart || body.data.addToCart.errors.length > 0) throw new Error(`addToCart failed: ${JSON.stringify(body)}`);
      return body.data.addToCart.cart;
    },
    place: (shopper: Storefront, input: Record<string, unknown> = orderInput(), idempotencyKey: string = randomUUID()) =>
      shopper.request<PlaceOrderAnswer>(PLACE_ORDER, { input, idempotencyKey }),
    stockOf: async (variantId: string) => (await inventory.quantitiesByVariantIds([variantId])).get(variantId) ?? 0,
    setStock: (variantId: string, quantity: number) => inventory.putQuantities(new Map([[variantId, quantity]])),
    async storedOrder(orderId: string) {
      const { Item } = await stack.tables.client.send(new GetCommand({ TableName: stack.tables.names.checkout, Key: { PK: `ORDER#${orderId}`, SK: 'ORDER' } }));
      return Item as { status: string; lines: { variantId: string; quantity: number }[]; cartMarkedAt?: string; cartId: string } | undefined;
    },
    async storedCartStatus(cartId: string) {
      // Test-only read of cart's table, to see the mark land; checkout itself never does this.
      const { Items } = await stack.tables.client.send(
        new ScanCommand({ TableName: stack.tables.names.cart, FilterExpression: 'id = :id', ExpressionAttributeValues: { ':id': cartId } }),
      );
      return Items?.[0] as { status: string; checkedOutOrderId?: string; version: number } | undefined;
    },
    /** The variant's current catalog price, as a storefront reads it. */
    async priceOf(variantId: string) {
      const productId = `prod_${variantId.split('_')[1]}`;
      const { body } = await createStorefront(stack.gatewayUrl).request<{ product: { variants: { id: string; price: { amount: number } }[] } }>(
        `query ($id: ID!) { product(id: $id) { variants { id price { amount } } } }`,
        { id: productId },
      );
      return body.data!.product.variants.find((variant) => variant.id === variantId)!.price.amount;
    },
  };
}
