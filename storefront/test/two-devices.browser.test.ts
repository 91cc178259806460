import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPPER_PASSWORD as PASSWORD, uniqueEmail } from '../../test/support/shoppers.js';
import { launchBrowser, openDevice, openRoute, screenshot, submitAccountForm, textOf } from './support/browser.js';
import { startStorefrontStack, type StorefrontStack } from './support/storefront-stack.js';


describe('the storefront in a browser, as two devices of one shopper', () => {
  let running: StorefrontStack;
  let browser: Browser;
  let deviceA: Page;
  let deviceB: Page;
  const email = uniqueEmail('browser');

  beforeAll(async () => {
    [running, browser] = await Promise.all([startStorefrontStack(), launchBrowser()]);
    deviceA = (await openDevice(browser, 'device-A')).page;
    deviceB = (await openDevice(browser, 'device-B')).page;
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  const open = (page: Page, hash: string) => openRoute(page, running.storefrontUrl, hash);

  it('when a shopper browses, then the listing, the category facets and the price filter agree with each other', async () => {
    await open(deviceA, '/');
    expect(await deviceA.getByTestId('product-link').count()).toBe(12);
    const all = Number((await textOf(deviceA.getByTestId('total-count'))).split(' ')[0]);
    expect(all).toBe(36);
    await screenshot(deviceA, 'browse');

    const facet = deviceA.getByTestId('category-facet').first();
    const facetCount = Number(/\((\d+)\)$/.exec(await textOf(facet))?.[1]);
    expect(facetCount).toBeGreaterThan(0);
    expect(facetCount).toBeLessThan(all);
    await facet.click();
    await deviceA.locator('body[data-rendered*="category="]').waitFor();
    expect(await textOf(deviceA.getByTestId('total-count'))).toBe(`${facetCount} products`);

    await open(deviceA, '/?max=20');
    const cheap = Number((await textOf(deviceA.getByTestId('total-count'))).split(' ')[0]);
    expect(cheap).toBeLessThan(all);
  });

  it('when a shopper searches, then matching products are listed and a nonsense word finds none', async () => {
    await open(deviceA, '/');
    const title = await textOf(deviceA.getByTestId('product-link').first().locator('.title'));
    const word = title.split(' ')[0] ?? '';
    await deviceA.getByRole('searchbox').fill(word);
    await deviceA.getByRole('button', { name: 'Search' }).click();
    await deviceA.locator('body[data-rendered^="#/search"]').waitFor();
    expect(await deviceA.getByTestId('product-link').filter({ hasText: title }).count()).toBeGreaterThan(0);
    await open(deviceA, '/search?q=zzqxv');
    expect(await textOf(deviceA.getByTestId('total-count'))).toBe('0 products found');
  });

  it('when device B signs up, then it is signed in with an empty cart', async () => {
    await open(deviceB, '/sign-up');
    expect(await submitAccountForm(deviceB, { name: 'Ada Lovelace', email, password: PASSWORD })).toBe('Welcome, Ada Lovelace');
    expect(await textOf(deviceB.getByTestId('signed-in-as'))).toBe('Ada Lovelace');
    expect(await textOf(deviceB.getByTestId('cart-count'))).toBe('0');
  });

  it('when the guest on device A adds to the cart and signs in, then the merge report shows the cart with the guest line', async () => {
    await open(deviceA, '/?inStock=1&sort=PRICE_ASC');
    await deviceA.getByTestId('product-link').first().click();
    await deviceA.locator('body[data-rendered^="#/product/"]').waitFor();
    const variant = deviceA.getByTestId('variant').filter({ hasText: 'in stock' }).first();
    const sku = (await variant.getAttribute('data-sku')) ?? '';
    await variant.locator('input').check();
    await deviceA.getByLabel('Quantity').fill('2');
    await screenshot(deviceA, 'product');
    await deviceA.getByRole('button', { name: 'Add to cart' }).click();
    expect(await textOf(deviceA.getByRole('status'))).toMatch(/^Added to your cart/);
    await waitForText(deviceA.getByTestId('cart-count'), '2');

    // Control for the refusal below: a wrong password is refused with the README's message.
    await open(deviceA, '/sign-in');
    expect(await submitAccountForm(deviceA, { email, password: 'not the password' })).toBe('That email and password do not match an account.');
    expect(await textOf(deviceA.getByTestId('sign-in-link'))).toBe('Sign in');

    await open(deviceA, '/sign-in');
    expect(await submitAccountForm(deviceA, { email, password: PASSWORD })).toBe('Welcome, Ada Lovelace');
    expect(await deviceA.getByTestId('merge-report').getAttribute('data-status')).toBe('MERGED');
    expect(await textOf(deviceA.getByTestId('merge-summary'))).toBe('From before you signed in: 1 line added to your cart.');
    const line = deviceA.getByTestId('summary-line');
    expect(await line.count()).toBe(1);
    expect(await line.getAttribute('data-sku')).toBe(sku);
    expect(await textOf(line)).toMatch(/^2 × /);
    await screenshot(deviceA, 'sign-in-merge');

    await open(deviceB, '/cart');
    expect(await deviceB.getByTestId('cart-line').getAttribute('data-sku')).toBe(sku);
    expect(await deviceB.getByTestId('cart-line').getByRole('spinbutton').inputValue()).toBe('2');
    await expect.poll(() => textOf(deviceB.getByTestId('cart-expiry'))).toMatch(/^We keep this cart until \w{3} \d+, \d{4}/);
  });

  it('when device B changes a quantity, then device A sees it on reload', async () => {
    await open(deviceB, '/cart');
    await deviceB.getByTestId('cart-line').getByRole('spinbutton').fill('3');
    await deviceB.getByTestId('update-line').click();
    await waitForText(deviceB.getByTestId('cart-count'), '3');
    await screenshot(deviceB, 'cart');

    await open(deviceA, '/cart');
    expect(await deviceA.getByTestId('cart-line').getByRole('spinbutton').inputValue()).toBe('3');
    expect(await textOf(deviceA.getByTestId('cart-count'))).toBe('3');
  });

  it('when device A signs out everywhere, then device B is signed out on its next request', async () => {
    await open(deviceA, '/account');
    const sessions = deviceA.getByTestId('session');
    expect(await sessions.count()).toBe(2);
    expect(await textOf(sessions.filter({ hasText: 'device-B' }))).toContain('device-B');
    await screenshot(deviceA, 'account');
    await deviceA.getByTestId('sign-out-everywhere').click();
    await deviceA.locator('body[data-rendered="#/"]').waitFor();
    expect(await textOf(deviceA.getByRole('status'))).toBe('You are signed out on every device.');
    expect(await textOf(deviceA.getByTestId('sign-in-link'))).toBe('Sign in');

    await open(deviceB, '/cart');
    expect(await textOf(deviceB.getByTestId('sign-in-link'))).toBe('Sign in');
    expect(await deviceB.getByTestId('cart-empty').count()).toBe(1);
  });
});

async function waitForText(locator: Locator, text: string): Promise<void> {
  await expect.poll(() => textOf(locator)).toBe(text);
}
