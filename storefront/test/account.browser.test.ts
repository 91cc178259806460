import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailTo } from '../../test/support/accounts.js';
import { SHOPPER_PASSWORD, uniqueEmail } from '../../test/support/shoppers.js';
import { launchBrowser, openDevice, openRoute, screenshot, submitAccountForm, textOf } from './support/browser.js';
import { emailedLink, RESET_SUBJECT, VERIFY_SUBJECT } from './support/mail-links.js';
import { startStorefrontStack, type StorefrontStack } from './support/storefront-stack.js';

/** Generous: these walk many pages and wait for real email on a shared 2-core machine; every step waits on a condition. */
const FLOW_TIMEOUT_MS = 90_000;
/** How long the end of a session may take to reach the gateway (identity's revocation sync runs every 300 ms in the test stack). */
const SIGNED_OUT_WITHIN_MS = 15_000;

const NEW_PASSWORD = 'a brand new passphrase';
const LINK_TOKEN = '[A-Za-z0-9_-]{43}';

interface TypedAddress {
  name: string;
  line1: string;
  city: string;
  postalCode: string;
  countryCode: string;
}

describe('the account pages in a browser: password reset and email confirmation by real email, the address book and checkout', () => {
  let running: StorefrontStack;
  let browser: Browser;

  beforeAll(async () => {
    [running, browser] = await Promise.all([startStorefrontStack(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  const open = (page: Page, hash: string) => openRoute(page, running.storefrontUrl, hash);

  /** Opens a link from an email afresh, as a mail program would, and waits until its page is shown. */
  async function openLink(page: Page, link: string, route: string): Promise<void> {
    await page.goto('about:blank');
    await page.goto(link);
    await page.locator(`body[data-rendered^="${route}"]`).waitFor();
  }

  /** Waits until the account page on `page` says it is signed out: an ended session reaches the gateway within seconds. */
  async function expectSignedOutSoon(page: Page): Promise<void> {
    await expect
      .poll(
        async () => {
          await open(page, '/account');
          return page.getByTestId('signed-out').count();
        },
        { timeout: SIGNED_OUT_WITHIN_MS },
      )
      .toBe(1);
  }

  /** A new device whose shopper has just signed up with `email` (signed in, empty cart). */
  async function newShopper(device: string, email: string): Promise<Page> {
    const { page } = await openDevice(browser, device);
    await open(page, '/sign-up');
    expect(await submitAccountForm(page, { name: 'Grace Hopper', email, password: SHOPPER_PASSWORD })).toBe('Welcome, Grace Hopper');
    return page;
  }

  it(
    'when a shopper asks for a reset link on the forgot page, then the emailed link opens the reset page, the new password signs that device in, and the old one no longer works',
    async () => {
      const email = uniqueEmail('reset');
      const laptop = await newShopper('reset-laptop', email);
      // The device where the password is forgotten: not signed in.
      const { page } = await openDevice(browser, 'reset-phone');
      await open(page, '/sign-in');
      await page.getByTestId('forgot-password-link').click();
      await page.locator('body[data-rendered="#/forgot-password"]').waitFor();
      await page.getByLabel('Email').fill(email);
      await page.getByRole('button', { name: 'Email me a link' }).click();
      expect(await textOf(page.getByTestId('reset-requested'))).toBe(
        `If an account uses ${email}, we have sent it a link to choose a new password. The link works once, for 30 minutes.`,
      );
      await screenshot(page, 'forgot-password');

      // The real email, through identity's SMTP client and the stack's SMTP server, links to this storefront's reset route.
      const { link } = await emailedLink(running.stack, { address: email, subject: RESET_SUBJECT, page: 'reset-password' });
      expect(link).toMatch(new RegExp(`^${running.storefrontUrl}#/reset-password/${LINK_TOKEN}$`));
      await openLink(page, link, '#/reset-password/');
      await page.getByLabel('New password').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Set the new password' }).click();
      expect(await textOf(page.getByTestId('welcome'))).toBe('Welcome, Grace Hopper');
      expect(await textOf(page.getByTestId('signed-in-as'))).toBe('Grace Hopper');
      await screenshot(page, 'reset-password-done');
      // Signed in by the cookie the reset set, not just on the page: a fresh load still is.
      await open(page, '/account');
      expect(await textOf(page.getByTestId('customer'))).toBe(`Grace Hopper · ${email}`);

      // The link works once: opened again, it is refused with INVALID_LINK's sentence.
      await openLink(page, link, '#/reset-password/');
      await page.getByLabel('New password').fill('yet another passphrase');
      await page.getByRole('button', { name: 'Set the new password' }).click();
      expect(await textOf(page.getByRole('alert'))).toBe('This link has been used already, has expired or is incomplete. Please ask for a new one.');

      // The old password no longer signs in; the new one does (the control).
      const { page: other } = await openDevice(browser, 'reset-check');
      await open(other, '/sign-in');
      expect(await submitAccountForm(other, { email, password: SHOPPER_PASSWORD })).toBe('That email and password do not match an account.');
      await open(other, '/sign-in');
      expect(await submitAccountForm(other, { email, password: NEW_PASSWORD })).toBe('Welcome, Grace Hopper');
      // And the laptop, signed in with the old password before the reset, is signed out.
      await expectSignedOutSoon(laptop);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'when a new customer follows the link of the verification email sent again, then the email is confirmed and the banner goes away for good',
    async () => {
      const email = uniqueEmail('verify');
      const page = await newShopper('verify', email);
      const signUpMail = await emailedLink(running.stack, { address: email, subject: VERIFY_SUBJECT, page: 'verify-email' });
      // Unverified: the banner is on every page (a fresh load reads it from the API).
      await open(page, '/');
      expect(await textOf(page.getByTestId('verify-banner'))).toBe(`Please confirm your email address: follow the link we sent to ${email}. Send the link again`);
      await screenshot(page, 'verify-banner');

      await page.getByTestId('resend-verification').click();
      expect(await textOf(page.getByRole('status'))).toBe(`We have sent a new link to ${email}.`);
      const { link } = await emailedLink(running.stack, { address: email, subject: VERIFY_SUBJECT, page: 'verify-email', afterId: signUpMail.mail.id });
      expect(link).toMatch(new RegExp(`^${running.storefrontUrl}#/verify-email/${LINK_TOKEN}$`));
      expect(link).not.toBe(signUpMail.link);

      // Opening the link alone changes nothing: the banner stays until the shopper confirms.
      await openLink(page, link, '#/verify-email/');
      expect(await page.getByTestId('verify-banner').isVisible()).toBe(true);
      await page.getByTestId('confirm-email').click();
      expect(await textOf(page.getByTestId('email-verified'))).toBe(`Thank you: ${email} is confirmed.`);
      await page.getByTestId('verify-banner').waitFor({ state: 'detached' });
      await screenshot(page, 'verify-email-done');

      // The API says so too: on a fresh load the banner stays away and the settings say confirmed.
      await open(page, '/account/settings');
      expect(await page.getByTestId('verify-banner').count()).toBe(0);
      expect(await page.getByTestId('current-email').getAttribute('data-verified')).toBe('true');
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'when a shopper changes the password, then the email on the settings page, then this device stays signed in, the other is signed out, and the mailed link moves the account to the new address',
    async () => {
      const email = uniqueEmail('settings');
      const laptop = await newShopper('settings-laptop', email);
      const { page: phone } = await openDevice(browser, 'settings-phone');
      await open(phone, '/sign-in');
      expect(await submitAccountForm(phone, { email, password: SHOPPER_PASSWORD })).toBe('Welcome, Grace Hopper');

      // The password, just after signing in (a sign-in older than identity's window would first ask for the password again).
      await open(laptop, '/account/settings');
      const passwordForm = laptop.getByTestId('change-password-form');
      await passwordForm.getByLabel('Current password').fill(SHOPPER_PASSWORD);
      await passwordForm.getByLabel('New password').fill(NEW_PASSWORD);
      await passwordForm.getByRole('button', { name: 'Change password' }).click();
      expect(await textOf(laptop.getByRole('status'))).toBe('Your password is changed. You are signed out on every other device.');
      await mailTo(running.stack, email, /^Your shopgraph password was changed$/);
      // This device holds the new cookie identity set: a fresh load is still signed in. The phone is signed out.
      await open(laptop, '/account');
      expect(await textOf(laptop.getByTestId('customer'))).toBe(`Grace Hopper · ${email}`);
      await expectSignedOutSoon(phone);

      // The email: nothing changes until the link mailed to the new address is followed.
      const newEmail = uniqueEmail('settings-new');
      await open(laptop, '/account/settings');
      const emailForm = laptop.getByTestId('change-email-form');
      await emailForm.getByLabel('New email address').fill(newEmail);
      await emailForm.getByLabel('Your password').fill(NEW_PASSWORD);
      await emailForm.getByRole('button', { name: 'Change email' }).click();
      expect(await textOf(laptop.getByRole('status'))).toBe(
        `We have sent a link to ${newEmail}. Your account moves to that address once you follow it; until then you sign in with ${email}.`,
      );
      await open(laptop, '/account');
      expect(await textOf(laptop.getByTestId('customer'))).toBe(`Grace Hopper · ${email}`);
      const { link } = await emailedLink(running.stack, { address: newEmail, subject: /^Confirm your new email address$/, page: 'verify-email' });
      await openLink(laptop, link, '#/verify-email/');
      await laptop.getByTestId('confirm-email').click();
      expect(await textOf(laptop.getByTestId('email-verified'))).toBe(`Thank you: ${newEmail} is confirmed.`);
      // The old address is told; the account signs in with the new one and the new password only.
      await mailTo(running.stack, email, /^Your shopgraph email address was changed$/);
      await open(laptop, '/account/settings');
      expect(await textOf(laptop.getByTestId('current-email'))).toBe(`You sign in with ${newEmail} (confirmed).`);
      const { page: check } = await openDevice(browser, 'settings-check');
      await open(check, '/sign-in');
      expect(await submitAccountForm(check, { email, password: NEW_PASSWORD })).toBe('That email and password do not match an account.');
      await open(check, '/sign-in');
      expect(await submitAccountForm(check, { email: newEmail, password: NEW_PASSWORD })).toBe('Welcome, Grace Hopper');
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'when a customer saves addresses and makes one the default, then checkout starts from it and the order can be placed with it',
    async () => {
      const page = await newShopper('addresses', uniqueEmail('addresses'));
      await open(page, '/?inStock=1');
      await page.getByTestId('product-link').first().click();
      await page.locator('body[data-rendered^="#/product/"]').waitFor();
      await page.getByTestId('variant').filter({ hasText: 'in stock' }).first().locator('input').check();
      await page.getByRole('button', { name: 'Add to cart' }).click();
      expect(await textOf(page.getByRole('status'))).toMatch(/^Added to your cart/);

      // The control: with no saved address, checkout's address starts empty (the name from the account).
      await open(page, '/checkout');
      expect(await page.getByLabel('Address', { exact: true }).inputValue()).toBe('');
      expect(await page.getByLabel('Full name').inputValue()).toBe('Grace Hopper');

      await open(page, '/account');
      await page.getByTestId('account-settings-link').click();
      await page.locator('body[data-rendered="#/account/settings"]').waitFor();
      expect(await page.getByTestId('no-addresses').count()).toBe(1);
      const saved = page.getByTestId('saved-address');

      // The first address saved becomes the default; the second is saved beside it. Each change
      // answers the whole book, shown before its notice: so the list is read once the notice is there.
      await saveAddress(page.getByTestId('add-address-form'), { name: 'Grace Hopper', line1: '1 Main Street', city: 'Springfield', postalCode: '12345', countryCode: 'US' });
      expect(await saved.count()).toBe(1);
      expect(await saved.first().getAttribute('data-default')).toBe('true');
      await saveAddress(page.getByTestId('add-address-form'), { name: 'Grace Hopper', line1: '9 Harbour Road', city: 'Portland', postalCode: '97201', countryCode: 'us' });
      expect(await saved.count()).toBe(2);
      const harbour = saved.filter({ hasText: '9 Harbour Road' });
      const main = saved.filter({ hasText: '1 Main Street' });
      expect(await textOf(harbour.getByTestId('address-text'))).toBe('Grace Hopper, 9 Harbour Road, Portland 97201, US');
      expect(await harbour.getAttribute('data-default')).toBe('false');

      await harbour.getByTestId('make-default').click();
      expect(await textOf(page.getByRole('status'))).toBe('Default shipping address changed.');
      expect(await harbour.getAttribute('data-default')).toBe('true');
      expect(await main.getAttribute('data-default')).toBe('false');

      await harbour.getByTestId('edit-address').click();
      const edit = page.getByTestId('edit-address-form');
      expect(await edit.getByLabel('City').inputValue()).toBe('Portland');
      await edit.getByLabel('City').fill('Salem');
      await edit.getByTestId('save-address').click();
      expect(await textOf(page.getByRole('status'))).toBe('Address saved.');
      expect(await textOf(harbour.getByTestId('address-text'))).toBe('Grace Hopper, 9 Harbour Road, Salem 97201, US');

      await main.getByTestId('remove-address').click();
      expect(await textOf(page.getByRole('status'))).toBe('Address removed.');
      expect(await saved.count()).toBe(1);
      await screenshot(page, 'account-settings');

      // Kept by identity, not just shown: a fresh load lists the book as it was left.
      await open(page, '/account/settings');
      expect(await saved.count()).toBe(1);
      expect(await textOf(saved.getByTestId('address-text'))).toBe('Grace Hopper, 9 Harbour Road, Salem 97201, US');
      expect(await saved.getAttribute('data-default')).toBe('true');

      await open(page, '/checkout');
      const form = page.getByTestId('shipping-address');
      expect(await form.getByLabel('Full name').inputValue()).toBe('Grace Hopper');
      expect(await form.getByLabel('Address', { exact: true }).inputValue()).toBe('9 Harbour Road');
      expect(await form.getByLabel('City').inputValue()).toBe('Salem');
      expect(await form.getByLabel('Postal code').inputValue()).toBe('97201');
      expect(await form.getByLabel('Country code (e.g. US)').inputValue()).toBe('US');
      await screenshot(page, 'checkout-prefilled');
      // Checkout takes the address as it was filled in.
      await page.getByLabel('Test card: approved').check();
      await page.getByTestId('place-order').click();
      await page.locator('body[data-rendered^="#/orders/"]').waitFor();
      expect(await textOf(page.getByTestId('order-confirmation'))).toMatch(/^Thank you!/);
    },
    FLOW_TIMEOUT_MS,
  );
});

/** Fills an address form of the address book, saves it, and waits for the answer's notice. */
async function saveAddress(form: Locator, address: TypedAddress): Promise<void> {
  await form.getByLabel('Full name').fill(address.name);
  await form.getByLabel('Address', { exact: true }).fill(address.line1);
  await form.getByLabel('City').fill(address.city);
  await form.getByLabel('Postal code').fill(address.postalCode);
  await form.getByLabel('Country code (e.g. US)').fill(address.countryCode);
  await form.getByTestId('save-address').click();
  expect(await textOf(form.page().getByRole('status'))).toBe('Address saved.');
}
