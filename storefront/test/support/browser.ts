import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`); playwright-core never downloads a browser. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

/** Where the browser tests write their screenshots (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../screenshots/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true });
  } catch (error) {
    throw new Error(`could not start ${CHROMIUM_PATH} (install it with: apt-get install -y chromium): ${(error as Error).message}`);
  }
}

/**
 * One device of a shopper: a browser context of its own (its own cookie jar), named in its
 * user agent so the session list tells the devices apart. Requests to anywhere but this
 * machine are refused, so the tests never leave it.
 */
export async function openDevice(browser: Browser, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ userAgent: `shopgraph-test ${name}`, viewport: { width: 1200, height: 860 } });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  // Well inside a test's 20 s, so a missing element fails with the locator's own message.
  context.setDefaultTimeout(8_000);
  const page = await context.newPage();
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: true });
}

/**
 * Opens a route of the storefront and waits until its page and header are shown. Loads the
 * page afresh (as a reload would), so every call reads the API again.
 */
export async function openRoute(page: Page, storefrontUrl: string, hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${storefrontUrl}#${hash}`);
  await page.locator('body[data-rendered]').waitFor();
}

/** A locator's text, once it is there. */
export async function textOf(locator: Locator): Promise<string> {
  await locator.first().waitFor();
  return ((await locator.first().textContent()) ?? '').trim();
}

/**
 * Fills and submits the sign-in or sign-up form; answers what the page then says: the welcome
 * heading, or the error shown instead.
 */
export async function submitAccountForm(page: Page, values: Record<string, string>): Promise<string> {
  for (const [name, value] of Object.entries(values)) await page.locator(`form [name="${name}"]`).fill(value);
  await page.getByTestId('account-form').locator('button[type="submit"]').click();
  return textOf(page.locator('[data-testid="welcome"], [role="alert"]'));
}
