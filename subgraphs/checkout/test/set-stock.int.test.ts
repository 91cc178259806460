import { createInternalContextSigner, createLogger, generateKeys, HEADER_INTERNAL_CONTEXT, newSessionId, type Role } from '@shopgraph/shared';
import { createDocumentClient } from '@shopgraph/shared/dynamo';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestTables, type TestTables } from '../../../test/support/dynamo.js';
import { createTestRedis, type TestRedis } from '../../../test/support/redis.js';
import { loadCheckoutConfig } from '../src/config.js';
import { createCheckoutServer } from '../src/server.js';
import { channels } from '../src/store/keys.js';

const SET_STOCK = /* GraphQL */ `
  mutation ($variantId: ID!, $quantity: Int!) {
    setStock(variantId: $variantId, quantity: $quantity) { variant { id availableQuantity inStock } errors { code field } }
  }
`;
const STOCK = '{ _entities(representations: [{ __typename: "ProductVariant", id: "var_1" }]) { ... on ProductVariant { availableQuantity } } }';

interface Body {
  data?: { setStock?: { variant: { availableQuantity: number; inStock: boolean } | null; errors: { code: string; field: string[] }[] }; _entities?: { availableQuantity: number }[] };
  errors?: { extensions?: { code?: string } }[];
}

describe('setStock', () => {
  let tables: TestTables<'checkout'>;
  let redis: TestRedis;
  let url: string;
  let stop: () => Promise<void>;
  let sign: (role: Role) => Promise<string>;
  const notices: string[] = [];

  beforeAll(async () => {
    tables = await createTestTables(['checkout'] as const);
    redis = createTestRedis('set-stock');
    const keys = await generateKeys('set-stock');
    const signer = await createInternalContextSigner(keys.internalContextPrivateKey);
    sign = (role) => signer.sign({ session: { sessionId: newSessionId(), customerId: 'cus_1', role }, requestId: 'test' }, 'checkout');
    const subscriber = redis.client.duplicate();
    await subscriber.subscribe(channels.stockChanged(redis.prefix));
    subscriber.on('message', (_channel: string, message: string) => notices.push(message));
    const server = createCheckoutServer({
      config: loadCheckoutConfig({
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        DYNAMODB_ENDPOINT: tables.endpoint,
        CHECKOUT_TABLE: tables.names.checkout,
        INTERNAL_CONTEXT_PUBLIC_KEYS: JSON.stringify(keys.internalContextPublicKeys),
        CHECKOUT_SIGNING_KEY: JSON.stringify(keys.checkoutSigningPrivateKey),
        CATALOG_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.catalogSigningPublicKeys),
        IDENTITY_SIGNING_PUBLIC_KEYS: JSON.stringify(keys.identitySigningPublicKeys),
        REDIS_URL: inject('redisUrl'),
        REDIS_KEY_PREFIX: redis.prefix,
      }),
      logger: createLogger({ service: 'checkout', level: 'silent' }),
      dynamo: createDocumentClient({ region: 'us-east-1', endpoint: tables.endpoint }),
    });
    url = `${(await server.start()).url}/graphql`;
    stop = async () => {
      await server.stop();
      subscriber.disconnect();
    };
  });
  afterAll(async () => {
    await stop?.();
    await redis?.cleanup();
    await tables?.drop();
  });

  async function call(query: string, variables: Record<string, unknown>, role?: Role): Promise<Body> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(role ? { [HEADER_INTERNAL_CONTEXT]: await sign(role) } : {}) };
    return (await (await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) })).json()) as Body;
  }

  it('when an admin sets a level, then it is stored, answered and announced on the stock channel', async () => {
    const body = await call(SET_STOCK, { variantId: 'var_1', quantity: 12 }, 'ADMIN');
    expect(body.data!.setStock).toEqual({ variant: { id: 'var_1', availableQuantity: 12, inStock: true }, errors: [] });
    expect((await call(STOCK, {})).data!._entities).toEqual([{ availableQuantity: 12 }]);
    await expect.poll(() => notices).toContain(JSON.stringify({ ids: ['var_1'] }));
    const soldOut = await call(SET_STOCK, { variantId: 'var_1', quantity: 0 }, 'ADMIN');
    expect(soldOut.data!.setStock!.variant).toEqual({ id: 'var_1', availableQuantity: 0, inStock: false });
  });

  it('when the caller is anonymous or not an admin, then UNAUTHENTICATED or FORBIDDEN and nothing changes', async () => {
    await call(SET_STOCK, { variantId: 'var_1', quantity: 3 }, 'ADMIN');
    expect((await call(SET_STOCK, { variantId: 'var_1', quantity: 99 })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await call(SET_STOCK, { variantId: 'var_1', quantity: 99 }, 'CUSTOMER')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await call(STOCK, {})).data!._entities).toEqual([{ availableQuantity: 3 }]);
  });

  it.each([-1, 1_000_001])('when the quantity is %i, then a UserError INVALID_QUANTITY names the field', async (quantity) => {
    const body = await call(SET_STOCK, { variantId: 'var_1', quantity }, 'ADMIN');
    expect(body.data!.setStock).toEqual({ variant: null, errors: [{ code: 'INVALID_QUANTITY', field: ['quantity'] }] });
  });
});
