import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  createInternalContextSigner,
  createLogger,
  createServiceTokenSigner,
  generateKeys,
  HEADER_INTERNAL_CONTEXT,
  HEADER_SERVICE_TOKEN,
  type GeneratedKeys,
} from '@shopgraph/shared';
import { createDocumentClient } from '@shopgraph/shared/dynamo';
import { randomBytes } from 'node:crypto';
import { createTestTables, type TestTables } from '../../../../test/support/dynamo.js';
import { loadCartConfig } from '../../src/config.js';
import type { Cart, CartOwner } from '../../src/domain/cart.js';
import { newCartId } from '../../src/domain/cart-rules.js';
import { createCartServer } from '../../src/server.js';
import { createCartRepository, type CartRepository } from '../../src/store/cart-repository.js';
import type { CartItem } from '../../src/store/items.js';
import { keys as cartKeys } from '../../src/store/keys.js';

export const UNIT_PRICE = { amount: 250, currencyCode: 'USD' };

export interface HttpAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The cart subgraph on port 0 over its own DynamoDB Local table, with catalog and checkout's
 * stock answered in memory (every variant exists at UNIT_PRICE, 10,000 in stock): what these
 * tests are about is the cart's own state. Calls go in as the gateway (a signed internal
 * context) and as checkout (its service token) would send them.
 */
export async function startCartTestServer(label: string) {
  const tables: TestTables<'cart'> = await createTestTables(['cart'] as const);
  const keys: GeneratedKeys = await generateKeys(label);
  const server = createCartServer({
    config: loadCartConfig({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DYNAMODB_ENDPOINT: tables.endpoint,
      CART_TABLE: tables.names.cart,
      INTERNAL_CONTEXT_PUBLIC_KEYS: JSON.stringify(keys.internalContextPublicKeys),
      CHECKOUT_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.checkoutSigningPublicKeys),
      IDENTITY_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.identitySigningPublicKeys),
    }),
    logger: createLogger({ service: 'cart', level: 'silent' }),
    dynamo: createDocumentClient({ region: 'us-east-1', endpoint: tables.endpoint, requestTimeoutMs: 15_000 }),
    catalog: { variantPrices: async (variantIds) => new Map(variantIds.map((id) => [id, UNIT_PRICE])) },
    stock: { availableQuantities: async (variantIds) => new Map(variantIds.map((id) => [id, 10_000])) },
  });
  const base = (await server.start()).url;
  const carts: CartRepository = createCartRepository({ client: tables.client, tableName: tables.names.cart, lifetimes: { sessionSeconds: 3600, customerSeconds: 3600 } });
  const checkoutSigner = createServiceTokenSigner(keys.checkoutSigningPrivateKey, 'checkout');
  const identitySigner = createServiceTokenSigner(keys.identitySigningPrivateKey, 'identity');
  const gatewaySigner = await createInternalContextSigner(keys.internalContextPrivateKey);

  const post = async (path: string, body: unknown, headers: Record<string, string>): Promise<HttpAnswer> => {
    const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const checkoutToken = (owner: CartOwner) =>
    checkoutSigner.sign('cart', owner.kind === 'customer' ? { cid: owner.customerId, rid: 'test' } : { sid: owner.sessionId, rid: 'test' });

  return {
    base,
    keys,
    carts,
    checkoutSigner,
    gatewaySigner,
    post,
    checkoutToken,
    /** As checkout calls `/internal/checkout/<path>` for `owner`. */
    checkout: async (path: string, owner: CartOwner, body: unknown) => post(`/internal/checkout/${path}`, body, { [HEADER_SERVICE_TOKEN]: await checkoutToken(owner) }),
    /** A GraphQL operation as the gateway forwards it for a session (a customer's when customerId is given). */
    async graphql<T>(session: { sessionId: string; customerId?: string; mergeFromSessionId?: string }, query: string, variables: Record<string, unknown> = {}) {
      const context = await gatewaySigner.sign({ session }, 'cart');
      const answer = await post('/graphql', { query, variables }, { [HEADER_INTERNAL_CONTEXT]: context });
      return answer.body as { data?: T; errors?: { message: string }[] };
    },
    /** Identity's hand-over at sign-in: the guest session's cart into the customer's. */
    async mergeGuestCart(guestSessionId: string, customerId: string): Promise<HttpAnswer> {
      const token = await identitySigner.sign('cart', { cid: customerId, sid: newSessionId(), gsid: guestSessionId, rid: 'test' });
      return post('/internal/identity/hand-over-guest-cart', {}, { [HEADER_SERVICE_TOKEN]: token });
    },
    /** Stores an ACTIVE cart at version 1 with one unit of each variant, oldest first. */
    async seedCart(owner: CartOwner, variantIds: readonly string[]): Promise<Cart> {
      const at = Date.now();
      const cart = await carts.create(
        {
          id: newCartId(),
          owner,
          version: 1,
          status: 'ACTIVE',
          lines: variantIds.map((variantId, index) => ({ id: '', variantId, quantity: 1, unitPriceSnapshot: UNIT_PRICE, addedAt: new Date(at + index).toISOString() })),
          createdAt: new Date(at).toISOString(),
          updatedAt: new Date(at).toISOString(),
          expiresAt: new Date(at).toISOString(),
        },
        undefined,
      );
      if (!cart) throw new Error('the test cart was not stored');
      return cart;
    },
    /** The item as stored, attribute for attribute: what a refused call must leave alone. */
    async storedItem(owner: CartOwner): Promise<CartItem | undefined> {
      const { Item } = await tables.client.send(new GetCommand({ TableName: tables.names.cart, Key: cartKeys.cart(owner), ConsistentRead: true }));
      return Item as CartItem | undefined;
    },
    async stop() {
      await server.stop();
      await tables.drop();
    },
  };
}

export type CartTestServer = Awaited<ReturnType<typeof startCartTestServer>>;

export const newSessionId = () => randomBytes(16).toString('base64url');
export const guestOwner = (): CartOwner & { kind: 'session' } => ({ kind: 'session', sessionId: newSessionId() });
export const customerOwner = (): CartOwner & { kind: 'customer' } => ({ kind: 'customer', customerId: `cus_${randomBytes(6).toString('hex')}` });
/** An ISO time `seconds` from now (negative: already past). */
export const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
