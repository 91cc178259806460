import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation, createStorefront } from '../../test/support/graphql-client.js';
import { SHOPPER_PASSWORD, uniqueEmail, type AuthPayload } from '../../test/support/shoppers.js';
import { GRAPHQL_ERROR_MESSAGES } from '../src/app/messages.js';
import { launchBrowser, openDevice, openRoute, screenshot, submitAccountForm, textOf } from './support/browser.js';
import { ageSignIn, sessionClaims } from './support/session-cookie.js';
import { startStorefrontStack, type StorefrontStack } from './support/storefront-stack.js';

/** Generous: one shopper walks several pages and signs in again on a shared 2-core machine; every step waits on a condition. */
const FLOW_TIMEOUT_MS = 90_000;
/** How old the doctored sign-in is: well beyond the stack's window (identity's default, 900 s), with no wait. */
const SIGNED_IN_AGO_SECONDS = 2 * 3600;
const NEW_PASSWORD = 'a passphrase set after signing in again';
const REAUTHENTICATION_REQUIRED = GRAPHQL_ERROR_MESSAGES['REAUTHENTICATION_REQUIRED'];

describe('the account settings in a browser, when the sign-in is too old for a password or email change', () => {
  let running: StorefrontStack;
  let browser: Browser;

  beforeAll(async () => {
    [running, browser] = await Promise.all([startStorefrontStack(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  /** What signing in with `password` through the API (another device) answers: the account's email, or the error codes. */
  async function signInElsewhere(email: string, password: string): Promise<string> {
    const { body } = await createStorefront(running.gatewayUrl).request<{ signIn: AuthPayload }>(contractOperation('SignIn'), { input: { email, password } });
    const signIn = body.data?.signIn;
    if (!signIn) throw new Error(`SignIn failed: ${JSON.stringify(body)}`);
    return signIn.customer?.email ?? signIn.errors.map((error) => error.code).join(',');
  }

  it(
    'when the session signed in two hours ago, then a password change says to sign in again and changes nothing, and once signed in again the same change succeeds',
    async () => {
      expect(REAUTHENTICATION_REQUIRED).toBeTruthy();
      const email = uniqueEmail('reauth');
      const { context, page } = await openDevice(browser, 'reauth-laptop');
      const open = (hash: string) => openRoute(page, running.storefrontUrl, hash);
      await open('/sign-up');
      expect(await submitAccountForm(page, { name: 'Grace Hopper', email, password: SHOPPER_PASSWORD })).toBe('Welcome, Grace Hopper');

      // The session as an old sign-in: the same token's claims, only auth_time two hours back.
      const { before, after } = await ageSignIn(context, running.gatewayUrl, running.stack.keys.sessionKeys, SIGNED_IN_AGO_SECONDS);
      expect(after).toEqual({ ...before, auth_time: after.auth_time });
      expect(before.auth_time! - after.auth_time!).toBeGreaterThan(SIGNED_IN_AGO_SECONDS - 60);

      // Still this customer's session (the doctored token verified, not replaced by an anonymous one).
      await open('/account/settings');
      expect(await textOf(page.getByTestId('current-email'))).toBe(`You sign in with ${email} (not confirmed yet).`);
      expect((await sessionClaims(context, running.gatewayUrl, running.stack.keys.sessionKeys)).auth_time).toBe(after.auth_time);

      const passwordForm = page.getByTestId('change-password-form');
      await passwordForm.getByLabel('Current password').fill(SHOPPER_PASSWORD);
      await passwordForm.getByLabel('New password').fill(NEW_PASSWORD);
      await passwordForm.getByRole('button', { name: 'Change password' }).click();
      const alert = page.getByRole('alert');
      expect(await textOf(alert)).toBe(`${REAUTHENTICATION_REQUIRED} Sign in again`);
      expect(await alert.count()).toBe(1);
      const signInAgain = alert.getByTestId('notice-action');
      expect(await signInAgain.getAttribute('href')).toBe('#/sign-in?then=%2Faccount%2Fsettings');
      // The form is usable again and keeps what was typed (only a success clears it).
      expect(await passwordForm.getByRole('button', { name: 'Change password' }).isEnabled()).toBe(true);
      expect(await passwordForm.getByLabel('New password').inputValue()).toBe(NEW_PASSWORD);
      await screenshot(page, 'reauthentication-required');

      // The email change asks the same, through the same notice.
      const emailForm = page.getByTestId('change-email-form');
      await emailForm.getByLabel('New email address').fill(uniqueEmail('reauth-new'));
      await emailForm.getByLabel('Your password').fill(SHOPPER_PASSWORD);
      // The submit handler clears the notices as it starts: the alert read next is this change's.
      await emailForm.getByRole('button', { name: 'Change email' }).click();
      expect(await textOf(alert)).toBe(`${REAUTHENTICATION_REQUIRED} Sign in again`);
      expect(await alert.count()).toBe(1);

      // Nothing changed: the old password still signs in elsewhere, the new one does not.
      expect(await signInElsewhere(email, SHOPPER_PASSWORD)).toBe(email);
      expect(await signInElsewhere(email, NEW_PASSWORD)).toBe('INVALID_CREDENTIALS');

      // What the storefront offers: sign in again, then back to the settings.
      await signInAgain.click();
      await page.locator('body[data-rendered="#/sign-in?then=%2Faccount%2Fsettings"]').waitFor();
      await page.locator('form [name="email"]').fill(email);
      await page.locator('form [name="password"]').fill(SHOPPER_PASSWORD);
      await page.getByTestId('account-form').locator('button[type="submit"]').click();
      await page.locator('body[data-rendered="#/account/settings"]').waitFor();
      expect(await textOf(page.getByRole('status'))).toBe('You are signed in again.');
      // A new session with a fresh auth_time replaced the old one in the cookie.
      const again = await sessionClaims(context, running.gatewayUrl, running.stack.keys.sessionKeys);
      expect(again.cid).toBe(before.cid);
      expect(again.sid).not.toBe(before.sid);
      expect(again.auth_time).toBeGreaterThanOrEqual(before.auth_time!);

      await passwordForm.getByLabel('Current password').fill(SHOPPER_PASSWORD);
      await passwordForm.getByLabel('New password').fill(NEW_PASSWORD);
      await passwordForm.getByRole('button', { name: 'Change password' }).click();
      expect(await textOf(page.getByRole('status'))).toBe('Your password is changed. You are signed out on every other device.');
      expect(await page.getByRole('alert').count()).toBe(0);

      // Changed for real: the new password signs in elsewhere, the old one no longer does.
      expect(await signInElsewhere(email, NEW_PASSWORD)).toBe(email);
      expect(await signInElsewhere(email, SHOPPER_PASSWORD)).toBe('INVALID_CREDENTIALS');
    },
    FLOW_TIMEOUT_MS,
  );
});
