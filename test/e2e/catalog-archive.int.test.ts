import { createInternalContextSigner, HEADER_INTERNAL_CONTEXT, newSessionId } from '@shopgraph/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutHelpers, orderInput } from '../support/checkout.js';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { startStack, type TestStack } from '../support/stack.js';

const CART_AVAILABILITY = '{ cart { lines { quantity variant { id available product { id } } } } }';
type CartData = { cart: { lines: { quantity: number; variant: { id: string; available: boolean; product: { id: string } } }[] } | null };

describe('an archived product keeps carts and orders honest', () => {
  let stack: TestStack;
  let h: ReturnType<typeof checkoutHelpers>;
  beforeAll(async () => {
    stack = await startStack({ products: 12 });
    h = checkoutHelpers(stack);
  });
  afterAll(() => stack?.stop());

  async function archive(productId: string): Promise<void> {
    const signer = await createInternalContextSigner(stack.keys.internalContextPrivateKey);
    const header = await signer.sign({ session: { sessionId: newSessionId(), customerId: 'cus_admin', role: 'ADMIN' }, requestId: 'archive-test' }, 'catalog');
    const { body } = await createStorefront(stack.subgraphUrls.catalog).request<{ archiveProduct: { errors: unknown[] } }>(
      'mutation ($id: ID!) { archiveProduct(input: { id: $id }) { errors { code } } }',
      { id: productId },
      { [HEADER_INTERNAL_CONTEXT]: header },
    );
    expect(body.data!.archiveProduct.errors).toEqual([]);
  }

  it('when a product in a cart is archived, then the cart shows the line unavailable and placeOrder refuses it with VARIANT_UNAVAILABLE', async () => {
    await h.setStock('var_00003_1', 10);
    await h.setStock('var_00004_1', 10);
    const holder = h.webShopper();
    await h.add(holder, 'var_00003_1');
    // Control: a shopper whose variant stays on sale orders as usual.
    const control = h.webShopper();
    await h.add(control, 'var_00004_1');
    const before = await holder.request<CartData>(CART_AVAILABILITY);
    expect(before.body.data!.cart!.lines).toEqual([{ quantity: 1, variant: { id: 'var_00003_1', available: true, product: { id: 'prod_00003' } } }]);

    await archive('prod_00003');

    const after = await holder.request<CartData>(CART_AVAILABILITY);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data!.cart!.lines).toEqual([{ quantity: 1, variant: { id: 'var_00003_1', available: false, product: { id: 'prod_00003' } } }]);
    const refused = await h.place(holder, orderInput());
    expect(refused.body.data!.placeOrder!).toEqual({ order: null, errors: [expect.objectContaining({ code: 'VARIANT_UNAVAILABLE' })] });
    expect(await h.stockOf('var_00003_1')).toBe(10);

    const placed = await h.place(control, orderInput());
    expect(placed.body.data!.placeOrder!.errors).toEqual([]);
  });

  it('when a shopper adds a variant of an archived product, then VARIANT_NOT_FOUND and the cart is unchanged', async () => {
    await archive('prod_00005');
    const shopper = h.webShopper();
    const { body } = await shopper.request<{ addToCart: { cart: unknown; errors: { code: string }[] } }>(contractOperation('AddToCart'), { variantId: 'var_00005_1', quantity: 1 });
    expect(body.data!.addToCart.errors).toEqual([expect.objectContaining({ code: 'VARIANT_NOT_FOUND' })]);
  });
});
