import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPPER_PASSWORD, uniqueEmail } from '../../test/support/shoppers.js';
import { signInAdmin, type Admin } from './support/admin.js';
import { launchBrowser, openDevice, openRoute, screenshot, submitAccountForm, textOf } from './support/browser.js';
import { startStorefrontStack, type StorefrontStack } from './support/storefront-stack.js';

/** Generous: these walk many pages on a shared 2-core machine; every step waits on a condition. */
const FLOW_TIMEOUT_MS = 90_000;
/** How long a stock level may take to show: the gateway may cache stock for 5 s. */
const STOCK_SHOWN_WITHIN_MS = 20_000;

const THREE_DS_CARD = 'Test card: bank asks to confirm (3-D Secure)';
const APPROVED_CARD = 'Test card: approved';

describe('an order’s life in the storefront, in a browser: 3-D Secure, the held cart, cancelling, the order page', () => {
  let running: StorefrontStack;
  let browser: Browser;
  let admin: Admin;

  beforeAll(async () => {
    [running, browser] = await Promise.all([startStorefrontStack(), launchBrowser()]);
    admin = await signInAdmin(running.stack, running.gatewayUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  const open = (page: Page, hash: string) => openRoute(page, running.storefrontUrl, hash);

  /** A new device whose shopper has just signed up (signed in, empty cart). */
  async function newShopper(device: string): Promise<Page> {
    const { page } = await openDevice(browser, device);
    await open(page, '/sign-up');
    expect(await submitAccountForm(page, { name: 'Grace Hopper', email: uniqueEmail(device), password: SHOPPER_PASSWORD })).toBe('Welcome, Grace Hopper');
    return page;
  }

  /** The stock the product page shows for a variant, read afresh. */
  async function stockShown(page: Page, productHash: string, sku: string): Promise<string> {
    await open(page, productHash);
    return textOf(page.locator(`[data-testid="variant"][data-sku="${sku}"] [data-testid="stock"]`));
  }

  /**
   * Opens the listing's `index`th product, sets its first variant's stock to `stock` (so the
   * test does not depend on the demo's levels) and adds `quantity` of it to the cart.
   */
  async function addProduct(page: Page, index: number, { stock, quantity }: { stock: number; quantity: number }) {
    await open(page, '/');
    await page.getByTestId('product-link').nth(index).click();
    await page.locator('body[data-rendered^="#/product/"]').waitFor();
    const productHash = new URL(page.url()).hash.slice(1);
    const variant = page.getByTestId('variant').first();
    const sku = (await variant.getAttribute('data-sku')) ?? '';
    const variantId = (await variant.locator('input').getAttribute('value')) ?? '';
    // Cart asks checkout for the stock itself, so the add sees this level at once; the page may
    // show the earlier one for a few seconds (the gateway caches stock for 5 s).
    await running.stack.setStock({ [variantId]: stock });
    await page.locator(`[data-testid="variant"][data-sku="${sku}"] input`).check();
    await page.getByLabel('Quantity').fill(String(quantity));
    await page.getByRole('button', { name: 'Add to cart' }).click();
    expect(await textOf(page.getByRole('status'))).toMatch(/^Added to your cart/);
    return { sku, productHash };
  }

  /** Fills the checkout form for a US address and places the order with the test card `label`. */
  async function placeOrderWith(page: Page, label: string): Promise<void> {
    await open(page, '/checkout');
    await page.getByLabel('Address', { exact: true }).fill('1 Main Street');
    await page.getByLabel('City').fill('Springfield');
    await page.getByLabel('Postal code').fill('12345');
    await page.getByLabel('Country code (e.g. US)').fill('US');
    await page.getByLabel(label).check();
    await page.getByTestId('place-order').click();
  }

  /** The order id in the page's route (#/orders/<id> or #/orders/<id>/pay). */
  function orderIdOf(page: Page): string {
    const id = /#\/orders\/([^/?]+)/.exec(page.url())?.[1];
    if (!id) throw new Error(`not an order's page: ${page.url()}`);
    return decodeURIComponent(id);
  }

  /** Each payment step on the order page as "TYPE STATUS", oldest first. */
  async function paymentSteps(page: Page): Promise<string[]> {
    const rows = await page.getByTestId('payment').all();
    return Promise.all(rows.map(async (row) => `${await row.getAttribute('data-type')} ${await row.getAttribute('data-status')}`));
  }

  it(
    'when a shopper pays with the 3-D Secure test card, then the bank step shows, approving it confirms the payment and the paid order shows with its capture',
    async () => {
      const page = await newShopper('3ds');
      await addProduct(page, 0, { stock: 10, quantity: 2 });

      await placeOrderWith(page, THREE_DS_CARD);
      await page.locator('body[data-rendered$="/pay"]').waitFor();
      const orderId = orderIdOf(page);
      expect(await textOf(page.getByTestId('payment-request'))).toMatch(/^Your bank asks you to confirm the payment of \$[\d.,]+ for order \S+\. We hold the items/);
      expect(await page.getByTestId('test-bank').isVisible()).toBe(true);
      // Not paid yet: the order page says it waits for the shopper, and links back to this step.
      await open(page, `/orders/${orderId}`);
      expect(await textOf(page.getByTestId('order-status'))).toBe('Status: Waiting for you to confirm the payment with your bank');
      expect(await paymentSteps(page)).toEqual(['AUTHORIZATION REQUIRES_ACTION']);
      await screenshot(page, 'order-requires-action');
      await page.getByTestId('confirm-payment-link').click();
      await page.locator(`body[data-rendered="#/orders/${orderId}/pay"]`).waitFor();
      await screenshot(page, 'payment-3ds');

      await page.getByTestId('approve-payment').click();
      await page.locator(`body[data-rendered="#/orders/${orderId}"]`).waitFor();
      expect(await textOf(page.getByTestId('order-status'))).toBe('Status: Paid');
      expect(await textOf(page.getByTestId('order-confirmation'))).toMatch(/^Thank you! A confirmation goes to 3ds-/);
      const total = (await textOf(page.getByTestId('order-total'))).replace(/^Total /, '');
      expect(await textOf(page.getByTestId('payment-summary'))).toBe(`Authorised ${total} · captured ${total} · refunded $0.00`);
      expect(await paymentSteps(page)).toContain('CAPTURE SUCCEEDED');
      expect(await textOf(page.getByTestId('payment').filter({ hasText: 'Capture' }))).toContain(total);
      await screenshot(page, 'order-3ds-paid');

      // The step is over: the page says so instead of offering the bank again.
      await open(page, `/orders/${orderId}/pay`);
      expect(await textOf(page.getByTestId('payment-step-done'))).toMatch(/does not wait for a confirmation \(any more\): Paid\./);
      expect(await page.getByTestId('approve-payment').count()).toBe(0);
      // Paid: the cart is closed, and the order heads the history.
      await open(page, '/cart');
      expect(await page.getByTestId('cart-empty').count()).toBe(1);
      expect(await textOf(page.getByTestId('cart-count'))).toBe('0');
      await open(page, '/orders');
      expect(await textOf(page.getByTestId('order-row').first().locator('td').nth(2))).toBe('Paid');
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'when an order waits for 3-D Secure, then the cart shows its lines read-only with why; cancelled at the bank step, the cart is whole and editable again',
    async () => {
      const page = await newShopper('held-cart');
      const first = await addProduct(page, 1, { stock: 10, quantity: 2 });
      const second = await addProduct(page, 2, { stock: 10, quantity: 1 });
      await placeOrderWith(page, THREE_DS_CARD);
      await page.locator('body[data-rendered$="/pay"]').waitFor();
      const orderId = orderIdOf(page);

      await open(page, '/cart');
      expect(await textOf(page.getByTestId('cart-pending'))).toMatch(/^An order for this cart is being paid\./);
      expect(await page.getByTestId('cart-empty').count()).toBe(0);
      const lines = page.getByTestId('cart-line');
      expect(await lines.count()).toBe(2);
      expect(await textOf(cartLine(page, first.sku).getByTestId('line-quantity'))).toBe('2');
      // Read-only: nothing to change a quantity with, nothing to remove, no way to check out.
      expect(await lines.getByRole('spinbutton').count()).toBe(0);
      expect(await page.getByTestId('remove-line').count()).toBe(0);
      expect(await page.getByTestId('go-to-checkout').count()).toBe(0);
      expect(await textOf(page.getByTestId('cart-count'))).toBe('3');
      await screenshot(page, 'cart-pending-order');
      await open(page, '/checkout');
      expect(await textOf(page.getByTestId('checkout-pending'))).toMatch(/^An order for this cart is already being paid\./);
      expect(await page.getByTestId('place-order').count()).toBe(0);
      // The API refuses a change too, and the shopper reads why.
      await open(page, second.productHash);
      await page.getByRole('button', { name: 'Add to cart' }).click();
      expect(await textOf(page.getByRole('alert'))).toBe(
        'An order for this cart is being paid, so the cart cannot change now. If the payment is declined or the order cancelled, the cart is yours again.',
      );

      // The cart leads back to the bank step, where the shopper cancels instead.
      await open(page, '/cart');
      await page.getByTestId('pending-order-link').click();
      await page.locator(`body[data-rendered="#/orders/${orderId}/pay"]`).waitFor();
      await page.getByTestId('cancel-payment').click();
      await page.locator(`body[data-rendered="#/orders/${orderId}"]`).waitFor();
      expect(await textOf(page.getByTestId('order-status'))).toBe('Status: Cancelled');
      expect(await textOf(page.getByRole('status'))).toMatch(
        /^Order \S+ is cancelled\. Your payment was released: nothing was charged\. The items went back into stock\. Your cart is yours again, with every item\.$/,
      );
      expect(await paymentSteps(page)).toEqual(['AUTHORIZATION REQUIRES_ACTION', 'VOID SUCCEEDED']);
      expect(await textOf(page.getByTestId('payment-summary'))).toMatch(/captured \$0\.00/);

      await open(page, '/cart');
      expect(await page.getByTestId('cart-pending').count()).toBe(0);
      expect(await lines.count()).toBe(2);
      expect(await cartLine(page, first.sku).getByRole('spinbutton').inputValue()).toBe('2');
      expect(await cartLine(page, second.sku).getByRole('spinbutton').inputValue()).toBe('1');
      expect(await textOf(page.getByTestId('cart-count'))).toBe('3');
      // Whole and editable: a change goes through.
      await cartLine(page, second.sku).getByTestId('remove-line').click();
      await expect.poll(() => lines.count()).toBe(1);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'when a shopper cancels a paid order, then it is refunded in full, the refund shows on the order and the stock goes back',
    async () => {
      const page = await newShopper('cancel');
      const { sku, productHash } = await addProduct(page, 3, { stock: 5, quantity: 2 });
      await placeOrderWith(page, APPROVED_CARD);
      await page.locator('body[data-rendered^="#/orders/"]').waitFor();
      expect(await textOf(page.getByTestId('order-status'))).toBe('Status: Paid');
      const orderId = orderIdOf(page);
      const total = (await textOf(page.getByTestId('order-total'))).replace(/^Total /, '');
      expect(await page.getByTestId('no-refunds').count()).toBe(1);
      await expect.poll(() => stockShown(page, productHash, sku), { timeout: STOCK_SHOWN_WITHIN_MS }).toBe('3 in stock');

      await open(page, `/orders/${orderId}`);
      await page.getByTestId('cancel-order').click();
      expect(await textOf(page.getByTestId('cancel-confirmation'))).toContain(`If you do, ${total} is refunded to your card and the items go back into stock.`);
      await page.getByTestId('confirm-cancel').click();
      await page.locator('[data-testid="order"][data-status="CANCELLED"]').waitFor();
      expect(await textOf(page.getByRole('status'))).toBe(`Order ${await orderNumber(page)} is cancelled. ${total} has been refunded to your card. The items went back into stock.`);
      expect(await textOf(page.getByTestId('order-status'))).toBe('Status: Cancelled');
      const refund = page.getByTestId('refund');
      expect(await refund.count()).toBe(1);
      expect(await refund.getAttribute('data-status')).toBe('SUCCEEDED');
      expect(await textOf(refund)).toContain(total);
      expect(await paymentSteps(page)).toContain('REFUND SUCCEEDED');
      expect(await textOf(page.getByTestId('payment-summary'))).toBe(`Authorised ${total} · captured ${total} · refunded ${total}`);
      expect(await page.getByTestId('cancel-order').count()).toBe(0);
      await screenshot(page, 'order-cancelled');

      // What the page said, the API did: the order reads cancelled afresh, and the units are back.
      await open(page, `/orders/${orderId}`);
      expect(await textOf(page.getByTestId('order-status'))).toBe('Status: Cancelled');
      await expect.poll(() => stockShown(page, productHash, sku), { timeout: STOCK_SHOWN_WITHIN_MS }).toBe('5 in stock');
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'when an admin ships part of a paid order and refunds some of it, then the order page shows the payments, the shipment and the refund, and no longer offers a cancel',
    async () => {
      const page = await newShopper('detail');
      const { sku } = await addProduct(page, 4, { stock: 10, quantity: 3 });
      await placeOrderWith(page, APPROVED_CARD);
      await page.locator('body[data-rendered^="#/orders/"]').waitFor();
      const orderId = orderIdOf(page);
      expect(await page.getByTestId('no-fulfillments').count()).toBe(1);
      expect(await textOf(page.getByTestId('line-shipped'))).toBe('0 of 3');
      // Control for the hidden button below: before anything ships, it can be cancelled.
      expect(await page.getByTestId('cancel-order').count()).toBe(1);

      const { adminOrder } = await admin.run<{ adminOrder: { lines: { id: string }[] } }>('AdminOrder', { id: orderId });
      const fulfilled = await admin.run<{ fulfillOrder: { errors: unknown[] } }>('FulfillOrder', {
        orderId,
        lines: [{ lineId: adminOrder.lines[0]!.id, quantity: 2 }],
        trackingCode: 'TRACK-4711',
        idempotencyKey: `ship-${orderId}`,
      });
      expect(fulfilled.fulfillOrder.errors).toEqual([]);

      await open(page, `/orders/${orderId}`);
      expect(await textOf(page.getByTestId('order-status'))).toBe('Status: Partly shipped');
      const shipment = page.getByTestId('fulfillment');
      expect(await shipment.count()).toBe(1);
      expect(await shipment.getAttribute('data-tracking-code')).toBe('TRACK-4711');
      expect(await textOf(shipment)).toMatch(new RegExp(`tracking TRACK-4711: 2 × ${sku}$`));
      expect(await textOf(page.getByTestId('line-shipped'))).toBe('2 of 3');
      expect(await paymentSteps(page)).toEqual(['AUTHORIZATION SUCCEEDED', 'CAPTURE SUCCEEDED']);
      expect(await page.getByTestId('cancel-order').count()).toBe(0);
      expect(await page.getByTestId('no-refunds').count()).toBe(1);

      const refunded = await admin.run<{ refundOrder: { errors: unknown[] } }>('RefundOrder', {
        orderId,
        amount: { amount: 150, currencyCode: 'USD' },
        reason: 'Box arrived dented',
        idempotencyKey: `refund-${orderId}`,
      });
      expect(refunded.refundOrder.errors).toEqual([]);

      await open(page, `/orders/${orderId}`);
      expect(await textOf(page.getByTestId('order-status'))).toBe('Status: Partly refunded');
      const refund = page.getByTestId('refund');
      expect(await refund.count()).toBe(1);
      expect(await textOf(refund)).toMatch(/^\$1\.50\s*Box arrived dented\s*Succeeded/);
      expect(await textOf(page.getByTestId('payment-summary'))).toMatch(/ · refunded \$1\.50$/);
      expect(await paymentSteps(page)).toEqual(['AUTHORIZATION SUCCEEDED', 'CAPTURE SUCCEEDED', 'REFUND SUCCEEDED']);
      // The shipment stays on the page after the refund.
      expect(await page.getByTestId('fulfillment').count()).toBe(1);
      await screenshot(page, 'order-detail');
    },
    FLOW_TIMEOUT_MS,
  );
});

function cartLine(page: Page, sku: string) {
  return page.locator(`[data-testid="cart-line"][data-sku="${sku}"]`);
}

async function orderNumber(page: Page): Promise<string> {
  return (await textOf(page.locator('[data-testid="order"] h1'))).replace(/^Order /, '');
}
