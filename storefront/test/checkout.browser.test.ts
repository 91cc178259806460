import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPPER_PASSWORD, uniqueEmail } from '../../test/support/shoppers.js';
import { launchBrowser, openDevice, openRoute, screenshot, submitAccountForm, textOf } from './support/browser.js';
import { startStorefrontStack, type StorefrontStack } from './support/storefront-stack.js';

describe('checkout in the storefront, in a browser', () => {
  let running: StorefrontStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [running, browser] = await Promise.all([startStorefrontStack(), launchBrowser()]);
    page = (await openDevice(browser, 'laptop')).page;
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  const open = (hash: string) => openRoute(page, running.storefrontUrl, hash);

  /** Fills the checkout form for a US address and pays with the test card `label`. */
  const placeOrderWith = async (label: string) => {
    await open('/checkout');
    await page.getByLabel('Address', { exact: true }).fill('1 Main Street');
    await page.getByLabel('City').fill('Springfield');
    await page.getByLabel('Postal code').fill('12345');
    await page.getByLabel('Country code (e.g. US)').fill('US');
    await page.getByLabel(label).check();
    await page.getByTestId('place-order').click();
  };

  it('when a signed-up shopper removes a line and pays with the declined test card, then its message shows and the cart stays', async () => {
    await open('/sign-up');
    expect(await submitAccountForm(page, { name: 'Grace Hopper', email: uniqueEmail('checkout'), password: SHOPPER_PASSWORD })).toBe('Welcome, Grace Hopper');

    for (const index of [0, 1]) {
      await open('/?inStock=1');
      await page.getByTestId('product-link').nth(index).click();
      await page.locator('body[data-rendered^="#/product/"]').waitFor();
      await page.getByTestId('variant').filter({ hasText: 'in stock' }).first().locator('input').check();
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await page.getByRole('status').waitFor();
    }
    await open('/cart');
    expect(await page.getByTestId('cart-line').count()).toBe(2);
    await page.getByTestId('remove-line').last().click();
    await page.getByTestId('cart-line').nth(1).waitFor({ state: 'detached' });
    expect(await page.getByTestId('cart-line').count()).toBe(1);

    await placeOrderWith('Test card: declined');
    expect(await textOf(page.getByRole('alert'))).toBe('Your card was declined. Nothing was charged.');
    await screenshot(page, 'checkout-declined');
    await open('/cart');
    expect(await page.getByTestId('cart-line').count()).toBe(1);
    expect(await textOf(page.getByTestId('cart-count'))).toBe('1');
  });

  it('when the shopper pays with the approved test card, then the order is confirmed and appears in the order history', async () => {
    await placeOrderWith('Test card: approved');
    await page.locator('body[data-rendered^="#/orders/"]').waitFor();
    expect(await textOf(page.getByTestId('order-confirmation'))).toMatch(/^Thank you!/);
    const number = (await textOf(page.locator('[data-testid="order"] h1'))).replace(/^Order /, '');
    expect(number).not.toBe('');
    await screenshot(page, 'order');

    await open('/orders');
    // Newest first: the paid order, then the declined attempt, which checkout keeps as failed.
    const rows = page.getByTestId('order-row');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().getAttribute('data-number')).toBe(number);
    expect(await textOf(rows.first().locator('td').nth(2))).toBe('Paid');
    expect(await textOf(rows.last().locator('td').nth(2))).toBe('Payment failed');
    await screenshot(page, 'orders');
    await open('/cart');
    expect(await page.getByTestId('cart-empty').count()).toBe(1);
  });
});
