import { SESSION_COOKIE_NAME } from '@shopgraph/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../../storefront/test/support/browser.js';
import { contractOperation, createStorefront } from '../support/graphql-client.js';
import { startStack, type TestStack } from '../support/stack.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

describe('the playground in a browser that cannot leave the machine', () => {
  let stack: TestStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Every request the page made to anywhere but this machine (each refused). */
  const outside: string[] = [];
  const loaded: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack({ products: 6, env: { NODE_ENV: 'development' } }), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    context.setDefaultTimeout(10_000);
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (/^(data|blob):/.test(url) || LOOPBACK.has(new URL(url).hostname)) {
        loaded.push(url);
        await route.continue();
      } else {
        outside.push(url);
        await route.abort('blockedbyclient');
      }
    });
    // The page's own policy reports what it refused; a refusal is a bug in the page or its policy.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP refused ${event.blockedURI} (${event.violatedDirective})`));
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Selects an operation's tab and runs it; answers the text of the result panel. */
  async function run(operation: string, expected: string): Promise<string> {
    await page.locator('.graphiql-tab-button', { hasText: new RegExp(`^${operation}$`) }).click();
    await page.locator('.graphiql-query-editor .CodeMirror', { hasText: ` ${operation}` }).waitFor();
    await page.getByRole('button', { name: /execute query/i }).click();
    const result = page.locator('.graphiql-response .CodeMirror');
    await result.filter({ hasText: expected }).waitFor();
    return (await result.textContent()) ?? '';
  }

  it('when a developer opens /graphql and runs Browse, then the products show, and nothing was asked of another host', async () => {
    const first = await createStorefront(stack.gatewayUrl).request<{ products: { edges: { node: { title: string } }[] } }>(contractOperation('Browse'), {
      first: 1,
    });
    const title = first.body.data!.products.edges[0]!.node.title;

    await page.goto(stack.gatewayUrl);
    await page.locator('.graphiql-container').waitFor();
    const result = await run('Browse', title);
    await screenshot(page, 'playground-browse');
    // A dialog adds styles of its own, which the page's policy must allow.
    await page.getByRole('button', { name: 'Open settings dialog' }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    expect(result).toContain('"products"');
    expect(result).toContain('"totalCount": 6');
    expect(outside).toEqual([]);
    // Control: the page did load its scripts, from the gateway.
    expect(loaded.filter((url) => url.includes('/graphql/playground/graphiql.js?v='))).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
  });

  it('when a developer starts a session in one tab, then the next operation carries its cookie', async () => {
    await run('StartSession', '"startSession"');
    const cookie = (await context.cookies(stack.gatewayUrl)).find((candidate) => candidate.name === SESSION_COOKIE_NAME);
    expect(cookie?.httpOnly).toBe(true);

    const sent = page.waitForRequest((request) => request.method() === 'POST' && request.postData()?.includes('query Viewer') === true);
    await run('Viewer', '"viewer"');
    const headers = await (await sent).allHeaders();
    expect(headers['cookie']).toContain(`${SESSION_COOKIE_NAME}=${cookie?.value}`);
    expect(outside).toEqual([]);
  });

  it("when the gateway enforces trusted documents, then a tab still runs, being the manifest's own text", async () => {
    const enforcingUrl = await stack.startGateway({ TRUSTED_DOCUMENTS: 'enforce' });
    await page.goto(enforcingUrl);
    await page.locator('.graphiql-container').waitFor();
    expect(await run('Browse', '"totalCount": 6')).toContain('"products"');
    expect(outside).toEqual([]);
  });

  it("when the Sandbox is asked for instead (PLAYGROUND=sandbox), then its page reaches for Apollo's CDN, which this browser refuses", async () => {
    const sandboxUrl = await stack.startGateway({ PLAYGROUND: 'sandbox' });
    const sandbox = await context.newPage();
    const fromApollo = (url: string) => new URL(url).hostname.endsWith('.apollographql.com');
    const refused = sandbox.waitForEvent('requestfailed', { predicate: (request) => fromApollo(request.url()) });
    await sandbox.goto(sandboxUrl);
    expect((await refused).failure()?.errorText).toMatch(/BLOCKED_BY_CLIENT/);
    expect(outside.some(fromApollo)).toBe(true);
    await sandbox.close();
  });
});
