import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createLogger } from '@shopgraph/shared';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTables, type TestTables } from '../../../test/support/dynamo.js';
import { addToCart } from '../src/domain/add-to-cart.js';
import { createCartRepository } from '../src/store/cart-repository.js';

const MAX_REMEMBERED = 5;
const VARIANT = 'var_memory';

/**
 * The change-id memory against DynamoDB Local, with a small bound: an add remembers its id in
 * its one write, and that write also forgets the oldest ids past the bound.
 */
describe('the cart’s memory of applied changes', () => {
  let tables: TestTables<'cart'>;
  const calls = { dynamo: 0, catalog: 0 };
  let deps: Parameters<typeof addToCart>[0];

  beforeAll(async () => {
    tables = await createTestTables(['cart'] as const);
    const counted = new Proxy(tables.client, {
      get(target, property, receiver) {
        if (property !== 'send') return Reflect.get(target, property, receiver) as unknown;
        return (...args: Parameters<DynamoDBDocumentClient['send']>) => ((calls.dynamo += 1), target.send(...args));
      },
    });
    deps = {
      carts: createCartRepository({
        client: counted,
        tableName: tables.names.cart,
        lifetimes: { sessionSeconds: 3600, customerSeconds: 3600 },
        maxRememberedChanges: MAX_REMEMBERED,
      }),
      catalog: {
        variantPrices: async (ids) => ((calls.catalog += 1), new Map(ids.map((id) => [id, { amount: 100, currencyCode: 'USD' }]))),
      },
      stock: { availableQuantities: async (ids) => new Map(ids.map((id) => [id, 999])) },
      logger: createLogger({ service: 'cart', level: 'silent' }),
      requestId: 'change-memory',
    };
  });
  afterAll(() => tables?.drop());

  const newSession = () => ({ sessionId: `s-${randomUUID()}` });
  const add = async (session: { sessionId: string }, changeId: string) => {
    const { cart, errors } = await addToCart(deps, session, { variantId: VARIANT, quantity: 1, changeId });
    expect(errors).toEqual([]);
    return cart!;
  };
  const storedChanges = async (session: { sessionId: string }) => {
    const { Item } = await tables.client.send(
      new GetCommand({ TableName: tables.names.cart, Key: { PK: `CART#SESSION#${session.sessionId}`, SK: 'CART' }, ConsistentRead: true }),
    );
    return (Item as { changes: Record<string, number> }).changes;
  };

  it('when more adds land than the bound, then the cart remembers only the newest ids, still two calls and one catalog fetch an add', async () => {
    const session = newSession();
    const ids = Array.from({ length: MAX_REMEMBERED + 4 }, (_, i) => `change-${i}`);
    await add(session, ids[0]!);
    for (const id of ids.slice(1)) {
      const before = { ...calls };
      await add(session, id);
      expect({ dynamo: calls.dynamo - before.dynamo, catalog: calls.catalog - before.catalog }).toEqual({ dynamo: 2, catalog: 1 });
    }

    expect(Object.keys(await storedChanges(session)).sort()).toEqual(ids.slice(-MAX_REMEMBERED).sort());
  });

  it('when a remembered add is retried, then it is recognised; when a forgotten one is, then it is applied again (the price of the bound)', async () => {
    const session = newSession();
    const ids = Array.from({ length: MAX_REMEMBERED + 2 }, (_, i) => `retry-${i}`);
    let latest = await add(session, ids[0]!);
    for (const id of ids.slice(1)) latest = await add(session, id);

    // Control: the oldest id still remembered lands no second time.
    const retried = await add(session, ids[ids.length - MAX_REMEMBERED]!);
    expect(retried).toMatchObject({ version: latest.version, lines: [{ quantity: ids.length }] });

    const forgotten = await add(session, ids[0]!);
    expect(forgotten).toMatchObject({ version: latest.version + 1, lines: [{ quantity: ids.length + 1 }] });
  });

  it('when adds arrive at once past the bound, then the next add brings the memory back within it', async () => {
    const session = newSession();
    await add(session, 'first');
    await Promise.all(Array.from({ length: 10 }, (_, i) => add(session, `burst-${i}`)));
    const cart = await add(session, 'after-burst');

    expect(cart.lines[0]!.quantity).toBe(12);
    const remembered = Object.keys(await storedChanges(session));
    expect(remembered.length).toBeLessThanOrEqual(MAX_REMEMBERED);
    expect(remembered).toContain('after-burst');
  });
});
