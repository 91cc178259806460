import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createSessionKeyRing, createSessionTokenCodec, SESSION_COOKIE_NAME } from '@shopgraph/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { startStack, type TestStack } from '../support/stack.js';

interface CartData {
  id: string;
  version: number;
  status: string;
  totalQuantity: number;
  subtotal: { amount: number; currencyCode: string };
  lines: {
    id: string;
    quantity: number;
    unitPrice: { amount: number };
    lineTotal: { amount: number };
    variant: { id: string; sku: string; title: string; product: { slug: string; title: string } };
  }[];
}

interface AddToCartData {
  addToCart: { cart: CartData | null; errors: { code: string; message: string; field: string[] | null }[] };
}

describe('an anonymous web visitor’s cart through the gateway', () => {
  let stack: TestStack;
  let variantId: string;
  let productTitle: string;
  let unitPrice: number;

  beforeAll(async () => {
    stack = await startStack({ products: 12 });
    const { body } = await createStorefront(stack.gatewayUrl).request<{ product: { title: string; variants: { id: string; price: { amount: number } }[] } }>(
      `query { product(id: "prod_00001") { title variants { id price { amount } } } }`,
    );
    const product = body.data!.product;
    productTitle = product.title;
    variantId = product.variants[0]!.id;
    unitPrice = product.variants[0]!.price.amount;
  });
  afterAll(() => stack?.stop());

  async function storedCartOf(cookie: string | undefined) {
    const codec = createSessionTokenCodec(await createSessionKeyRing(stack.keys.sessionKeys));
    const decoded = await codec.decode(cookie!.slice(SESSION_COOKIE_NAME.length + 1));
    if (!decoded.ok) throw new Error(`cookie did not decode: ${decoded.reason}`);
    const { Item } = await stack.tables.client.send(
      new GetCommand({ TableName: stack.tables.names.cart, Key: { PK: `CART#SESSION#${decoded.claims.sid}`, SK: 'CART' } }),
    );
    return Item;
  }

  it('when a first request has no cookie, then the gateway mints a __Host- session cookie with the safe attributes', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: contractOperation('Cart') }),
    });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie.startsWith(`${SESSION_COOKIE_NAME}=`)).toBe(true);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(setCookie.split(';')[0]!.length).toBeLessThan(4096);
    expect(((await response.json()) as { data: { cart: unknown } }).data.cart).toBeNull();
  });

  it('when a visitor adds to cart, then Cart shows the line with the product title resolved from the catalog', async () => {
    const shop = createStorefront(stack.gatewayUrl);
    const added = await shop.request<AddToCartData>(contractOperation('AddToCart'), { variantId, quantity: 2 });
    expect(added.body.errors).toBeUndefined();
    expect(added.body.data!.addToCart.errors).toEqual([]);
    expect(added.body.data!.addToCart.cart!.version).toBe(1);

    const { body } = await shop.request<{ cart: CartData }>(contractOperation('Cart'));
    expect(body.errors).toBeUndefined();
    const cart = body.data!.cart;
    expect(cart.status).toBe('ACTIVE');
    expect(cart.totalQuantity).toBe(2);
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]!.variant.id).toBe(variantId);
    expect(cart.lines[0]!.variant.product.title).toBe(productTitle);
    expect(cart.lines[0]!.unitPrice.amount).toBe(unitPrice);
    expect(cart.lines[0]!.lineTotal.amount).toBe(unitPrice * 2);
    expect(cart.subtotal).toEqual({ amount: unitPrice * 2, currencyCode: 'USD' });
    expect(await storedCartOf(shop.cookie)).toMatchObject({ version: 1, entity: 'Cart' });
  });

  it('when the same variant is added again, then its line quantity rises and the version moves on', async () => {
    const shop = createStorefront(stack.gatewayUrl);
    await shop.request<AddToCartData>(contractOperation('AddToCart'), { variantId, quantity: 1 });
    const { body } = await shop.request<AddToCartData>(contractOperation('AddToCart'), { variantId, quantity: 3 });
    const cart = body.data!.addToCart.cart!;
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]!.quantity).toBe(4);
    expect(cart.version).toBe(2);
  });

  it('when one visitor adds five variants at once, then the conditional writes lose none of them', async () => {
    const shop = createStorefront(stack.gatewayUrl);
    await shop.request(contractOperation('Cart'));
    const variants = ['var_00002_1', 'var_00003_1', 'var_00004_1', 'var_00005_1', 'var_00006_1'];
    await stack.setStock(Object.fromEntries(variants.map((id) => [id, 10])));
    const results = await Promise.all(variants.map((id) => shop.request<AddToCartData>(contractOperation('AddToCart'), { variantId: id, quantity: 1 })));
    for (const { body } of results) expect(body.data!.addToCart.errors).toEqual([]);
    const { body } = await shop.request<{ cart: CartData }>(contractOperation('Cart'));
    expect(body.data!.cart.lines.map((line) => line.variant.id).sort()).toEqual(variants);
    expect(body.data!.cart.version).toBe(5);
  });

  it('when two visitors shop, then neither sees the other’s cart', async () => {
    const alice = createStorefront(stack.gatewayUrl);
    const bob = createStorefront(stack.gatewayUrl);
    await alice.request(contractOperation('AddToCart'), { variantId, quantity: 1 });
    const { body } = await bob.request<{ cart: CartData | null }>(contractOperation('Cart'));
    expect(body.data!.cart).toBeNull();
  });

  it.each([0, -1, 1e9, 1000])('when the quantity is %s, then INVALID_QUANTITY comes back and nothing is written', async (quantity) => {
    const shop = createStorefront(stack.gatewayUrl);
    const { body } = await shop.request<AddToCartData>(contractOperation('AddToCart'), { variantId, quantity });
    expect(body.data!.addToCart.errors).toEqual([expect.objectContaining({ code: 'INVALID_QUANTITY', field: ['quantity'] })]);
    expect(body.data!.addToCart.cart).toBeNull();
    expect(await storedCartOf(shop.cookie)).toBeUndefined();
  });

  it('when the quantity is 2.5, then GraphQL validation refuses the request and nothing is written', async () => {
    const shop = createStorefront(stack.gatewayUrl);
    // A client taking application/json would get 200 with the same error (GraphQL over HTTP).
    const { status, body } = await shop.request(contractOperation('AddToCart'), { variantId, quantity: 2.5 }, { accept: 'application/graphql-response+json' });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.data).toBeUndefined();
  });

  it.each(['var_99999_1', 'x'.repeat(500), "'; DROP TABLE carts; --", ''])(
    'when the variant id is %j, then VARIANT_NOT_FOUND comes back and nothing is written',
    async (unknownVariantId) => {
      const shop = createStorefront(stack.gatewayUrl);
      const { body } = await shop.request<AddToCartData>(contractOperation('AddToCart'), { variantId: unknownVariantId, quantity: 1 });
      expect(body.data!.addToCart.errors).toEqual([expect.objectContaining({ code: 'VARIANT_NOT_FOUND', field: ['variantId'] })]);
      expect(await storedCartOf(shop.cookie)).toBeUndefined();
    },
  );

  it('when a cart holds lines and a bad add comes in, then the stored cart is unchanged', async () => {
    const shop = createStorefront(stack.gatewayUrl);
    await stack.setStock({ [variantId]: 5_000 });
    await shop.request(contractOperation('AddToCart'), { variantId, quantity: 998 });
    const { body } = await shop.request<AddToCartData>(contractOperation('AddToCart'), { variantId, quantity: 5 });
    expect(body.data!.addToCart.errors[0]!.code).toBe('INVALID_QUANTITY');
    expect(body.data!.addToCart.cart!.lines[0]!.quantity).toBe(998);
    expect(await storedCartOf(shop.cookie)).toMatchObject({ version: 1 });
  });
});
