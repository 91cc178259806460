import { TEST_PAYMENT_TOKENS } from '@shopgraph/checkout';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutHelpers, orderInput, type Storefront } from '../support/checkout.js';
import { startStack, type TestStack } from '../support/stack.js';

/** A storefront operation (clients/operations/storefront.graphql) as the manifest holds it: what the storefront sends. */
function storefrontOperation(name: string): string {
  const manifest = JSON.parse(readFileSync(new URL('../../clients/operations/manifest.json', import.meta.url), 'utf8')) as { operations: { name: string; body: string }[] };
  const operation = manifest.operations.find((each) => each.name === name);
  if (!operation) throw new Error(`no operation ${name} in the manifest`);
  return operation.body;
}

const PLACE = storefrontOperation('StorefrontPlaceOrder');
const CONFIRM = storefrontOperation('ConfirmPayment');
const CANCEL = storefrontOperation('CancelOrder');
const DETAIL = storefrontOperation('OrderDetail');
const ADD = /* GraphQL */ `mutation ($variantId: ID!) { addToCart(variantId: $variantId, quantity: 1) { errors { code message } } }`;

interface Detail {
  id: string;
  status: string;
  holdExpiresAt: string | null;
  lines: { id: string; quantity: number; fulfilledQuantity: number; variant: { id: string; sku: string } }[];
  total: { amount: number };
  payment: { action: { clientSecret: string | null } | null; captured: { amount: number }; refunded: { amount: number } } | null;
  payments: { type: string; status: string; reference: string }[];
  refunds: { amount: { amount: number }; status: string }[];
}
type Payload<K extends string> = Record<K, { order: Detail | null; errors: { code: string; message: string }[] }>;

describe("an order's life through the gateway: 3-D Secure, confirmation, cancellation, and the cart around it", () => {
  let stack: TestStack;
  let h: ReturnType<typeof checkoutHelpers>;
  let next = 0;
  const freshVariant = async (stock: number) => {
    const variantId = stack.catalog.variantIds[next++]!;
    await h.setStock(variantId, stock);
    return variantId;
  };
  const place = async (shopper: Storefront, token: string) =>
    (await shopper.request<Payload<'placeOrder'>>(PLACE, { input: orderInput({}, token), idempotencyKey: randomUUID() })).body.data!.placeOrder;

  beforeAll(async () => {
    stack = await startStack({ products: 8 });
    h = checkoutHelpers(stack);
  });
  afterAll(() => stack?.stop());

  it('when a payment needs 3-D Secure, then the order waits REQUIRES_ACTION with the cart read-only; confirming makes it PAID and closes the cart', async () => {
    const variantId = await freshVariant(5);
    const web = h.webShopper();
    await h.add(web, variantId, 2);
    const placed = await place(web, TEST_PAYMENT_TOKENS.threeDSecure);
    expect(placed.errors).toEqual([]);
    expect(placed.order).toMatchObject({ status: 'REQUIRES_ACTION', payment: { action: { clientSecret: expect.any(String) as string } } });
    const orderId = placed.order!.id;
    const stored = await h.storedOrder(orderId);
    expect(await h.storedCartStatus(stored!.cartId)).toMatchObject({ status: 'PENDING_ORDER' });
    // While the order is paid for, the cart does not change.
    const add = await web.request<{ addToCart: { errors: { code: string }[] } }>(ADD, { variantId });
    expect(add.body.data!.addToCart.errors.map((e) => e.code)).toEqual(['CART_READ_ONLY']);
    // Another shopper cannot confirm it: the same answer as for an order that does not exist.
    const stranger = await h.webShopper().request<Payload<'confirmPayment'>>(CONFIRM, { orderId });
    expect(stranger.body.data!.confirmPayment).toEqual({ order: null, errors: [expect.objectContaining({ code: 'ORDER_NOT_FOUND' })] });

    const confirmed = (await web.request<Payload<'confirmPayment'>>(CONFIRM, { orderId })).body.data!.confirmPayment;
    expect(confirmed.errors).toEqual([]);
    expect(confirmed.order).toMatchObject({ status: 'PAID', holdExpiresAt: null, payment: { action: null, captured: { amount: placed.order!.total.amount } } });
    expect(await h.storedCartStatus(stored!.cartId)).toMatchObject({ status: 'CHECKED_OUT', checkedOutOrderId: orderId });
    expect((await h.charged()).get(orderId)).toBe(placed.order!.total.amount);
    expect(await h.stockOf(variantId)).toBe(3);

    const detail = (await web.request<{ order: Detail }>(DETAIL, { id: orderId })).body.data!.order;
    expect(detail.payments.map((p) => [p.type, p.status])).toEqual([
      ['AUTHORIZATION', 'REQUIRES_ACTION'],
      ['AUTHORIZATION', 'SUCCEEDED'],
      ['CAPTURE', 'SUCCEEDED'],
    ]);
    expect(detail.lines).toEqual([expect.objectContaining({ quantity: 2, fulfilledQuantity: 0, variant: expect.objectContaining({ id: variantId }) as unknown })]);
  });

  it('when the shopper cancels while 3-D Secure waits, then the stock comes back and the cart is active again with every line', async () => {
    const variantId = await freshVariant(5);
    const web = h.webShopper();
    await h.add(web, variantId, 2);
    const placed = (await place(web, TEST_PAYMENT_TOKENS.threeDSecure)).order!;
    expect(await h.stockOf(variantId)).toBe(3);
    const cancelled = (await web.request<Payload<'cancelOrder'>>(CANCEL, { id: placed.id })).body.data!.cancelOrder;
    expect(cancelled.order).toMatchObject({ status: 'CANCELLED' });
    expect(await h.stockOf(variantId)).toBe(5);
    const stored = await h.storedOrder(placed.id);
    expect(await h.storedCartStatus(stored!.cartId)).toMatchObject({ status: 'ACTIVE' });
    // Every line is still there: ordered again, the same two units.
    const again = await place(web, TEST_PAYMENT_TOKENS.success);
    expect(again.order).toMatchObject({ status: 'PAID', lines: [expect.objectContaining({ quantity: 2 })] });
    expect(await h.stockOf(variantId)).toBe(3);
  });

  it('when the shopper cancels a paid order, then it is refunded in full and the stock comes back; a declined payment gives the cart back', async () => {
    const variantId = await freshVariant(5);
    const web = h.webShopper();
    await h.add(web, variantId, 1);
    const paid = (await place(web, TEST_PAYMENT_TOKENS.success)).order!;
    const cancelled = (await web.request<Payload<'cancelOrder'>>(CANCEL, { id: paid.id })).body.data!.cancelOrder.order!;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', payment: { refunded: { amount: paid.total.amount } }, refunds: [{ amount: { amount: paid.total.amount }, status: 'SUCCEEDED' }] });
    expect(await h.stockOf(variantId)).toBe(5);

    const declined = h.webShopper();
    await h.add(declined, variantId, 1);
    expect((await place(declined, TEST_PAYMENT_TOKENS.decline)).errors.map((e) => e.code)).toEqual(['PAYMENT_DECLINED']);
    const add = await declined.request<{ addToCart: { errors: unknown[] } }>(ADD, { variantId });
    expect(add.body.data!.addToCart.errors).toEqual([]);
  });
});
