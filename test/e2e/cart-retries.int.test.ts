import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_MEMORY_SECONDS } from '../../subgraphs/cart/src/store/change-memory.js';
import { contractOperation } from '../support/graphql-client.js';
import { customerOnTwoDevices, type Storefront } from '../support/shoppers.js';
import { startStack, type TestStack } from '../support/stack.js';

const ADD = contractOperation('AddToCart');
const CART = contractOperation('Cart');

interface CartData {
  id: string;
  version: number;
  totalQuantity: number;
  lines: { quantity: number; variant: { id: string } }[];
}
type AddAnswer = { addToCart: { cart: CartData | null; errors: { code: string }[] } };

/**
 * An add sent again (a proxy retrying after a replica died mid-request, a client retrying after
 * a timeout, the SDK retrying a write) lands once when the requests carry one Idempotency-Key.
 */
describe('retried adds to the cart', () => {
  let stack: TestStack;
  let variants: string[];

  beforeAll(async () => {
    stack = await startStack({ products: 10 });
    variants = stack.catalog.variantIds.slice(0, 4);
    await stack.setStock(Object.fromEntries(variants.map((id) => [id, 1_000])));
  });
  afterAll(() => stack?.stop());

  const add = (shop: Storefront, variantId: string, quantity: number, key?: string) =>
    shop.request<AddAnswer>(ADD, { variantId, quantity }, key ? { 'idempotency-key': key } : {});
  const cartOf = async (shop: Storefront) => (await shop.request<{ cart: CartData | null }>(CART)).body.data!.cart;
  const cartItem = async (customerId: string) =>
    (await stack.tables.client.send(new GetCommand({ TableName: stack.tables.names.cart, Key: { PK: `CART#CUSTOMER#${customerId}`, SK: 'CART' } }))).Item as
      | { changes?: Record<string, number> }
      | undefined;

  it('when one add is sent twice with the same Idempotency-Key, then it lands once and both answers show the one cart', async () => {
    const { web, phone } = await customerOnTwoDevices(stack.gatewayUrl);
    const key = randomUUID();
    const first = await add(web, variants[0]!, 2, key);
    // The retry may come through another replica, or from the other device's connection.
    const again = await add(phone, variants[0]!, 2, key);

    expect(first.body.data!.addToCart.errors).toEqual([]);
    expect(again.body.data!.addToCart.errors).toEqual([]);
    expect(again.body.data!.addToCart.cart).toMatchObject({ totalQuantity: 2, version: first.body.data!.addToCart.cart!.version });
    expect(await cartOf(web)).toMatchObject({ totalQuantity: 2, version: 1 });
  });

  it('when ten copies of one add arrive at once, then exactly one lands', async () => {
    const { web } = await customerOnTwoDevices(stack.gatewayUrl);
    await add(web, variants[1]!, 1);
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 10 }, () => add(web, variants[0]!, 3, key)));

    expect(answers.flatMap((answer) => answer.body.data!.addToCart.errors)).toEqual([]);
    const cart = await cartOf(web);
    expect(cart?.lines.find((line) => line.variant.id === variants[0])?.quantity).toBe(3);
    expect(cart?.version).toBe(2);
  });

  it('when adds carry different keys, or one key with other arguments, or no key, then each lands', async () => {
    const { web } = await customerOnTwoDevices(stack.gatewayUrl);
    const key = randomUUID();
    await add(web, variants[2]!, 1, key);
    await add(web, variants[2]!, 1, randomUUID());
    // A key reused for a different add does not swallow it.
    await add(web, variants[2]!, 4, key);
    await add(web, variants[2]!, 1);
    await add(web, variants[2]!, 1);

    expect(await cartOf(web)).toMatchObject({ totalQuantity: 8, version: 5 });
  });

  it('when the Idempotency-Key is malformed, then the request is refused with 400 BAD_USER_INPUT and nothing is added', async () => {
    const { web } = await customerOnTwoDevices(stack.gatewayUrl);
    for (const key of ['short', 'x'.repeat(129), 'has spaces in it', 'a,b,c,d,e,f,g,h']) {
      const answer = await add(web, variants[0]!, 1, key);
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(answer.body.errors?.[0]?.message).toMatch(/Idempotency-Key/);
    }
    expect(await cartOf(web)).toBeNull();
  });

  it('when a cart was stored before it remembered changes, then its first keyed add starts the memory and a retry still lands once', async () => {
    const { web, customerId } = await customerOnTwoDevices(stack.gatewayUrl);
    await add(web, variants[0]!, 1);
    await stack.tables.client.send(
      new UpdateCommand({ TableName: stack.tables.names.cart, Key: { PK: `CART#CUSTOMER#${customerId}`, SK: 'CART' }, UpdateExpression: 'REMOVE changes' }),
    );
    expect((await cartItem(customerId))?.changes).toBeUndefined();

    const key = randomUUID();
    await add(web, variants[1]!, 2, key);
    await add(web, variants[1]!, 2, key);

    expect(await cartOf(web)).toMatchObject({ totalQuantity: 3, version: 2 });
    expect(Object.keys((await cartItem(customerId))?.changes ?? {})).toHaveLength(1);
  });

  it('when a remembered change is older than the memory, then a later add drops it, so the memory stays small', async () => {
    const { web, customerId } = await customerOnTwoDevices(stack.gatewayUrl);
    await add(web, variants[0]!, 1);
    const [oldId] = Object.keys((await cartItem(customerId))!.changes!);
    const longAgo = Math.floor(Date.now() / 1000) - CHANGE_MEMORY_SECONDS - 60;
    await stack.tables.client.send(
      new UpdateCommand({
        TableName: stack.tables.names.cart,
        Key: { PK: `CART#CUSTOMER#${customerId}`, SK: 'CART' },
        UpdateExpression: 'SET changes.#id = :longAgo',
        ExpressionAttributeNames: { '#id': oldId! },
        ExpressionAttributeValues: { ':longAgo': longAgo },
      }),
    );

    await add(web, variants[1]!, 1);

    const changes = (await cartItem(customerId))!.changes!;
    expect(Object.keys(changes)).toHaveLength(1);
    expect(changes[oldId!]).toBeUndefined();
  });
});
