import type { ServiceName } from '@shopgraph/shared';
import { createStorefrontServer, type StorefrontServer } from '@shopgraph/storefront';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from './compose/subgraph-list.js';
import { assertPortFree } from './dynamodb-local/free-port.js';
import { assertJava } from './dynamodb-local/java.js';
import { assertRedisAnswers } from './redis/check-redis.js';
import { startMailboxPage } from './mail/mailbox-page.js';
import { startLocalMailbox, type LocalMailbox } from './mail/local-mailbox.js';
import { ensureDevKeys } from './stack/dev-keys.js';
import { bootstrapTables, seedIfEmpty } from './stack/prepare-data.js';
import { ensureLocalAdmin } from './stack/seed-admin.js';
import { buildStack, type Stack } from './stack/build-stack.js';
import { asProcesses, type ProcessService } from './stack/process-runner.js';
import { parseStartOptions } from './stack/start-options.js';

const STOP_GRACE_MS = 12_000;
const log = (message: string) => process.stdout.write(`[shopgraph] ${message}\n`);

let stack: Stack<ProcessService> | undefined;
let storefront: StorefrontServer | undefined;
let mailbox: LocalMailbox | undefined;
let mailboxPage: { url: string; stop(): Promise<void> } | undefined;
let stopping = false;

/** Stops the storefront, then the gateway (no new work), then the subgraphs, then the database. */
async function stopAll(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log('stopping...');
    await storefront?.stop();
    await stack?.stop();
    await mailboxPage?.stop();
    await mailbox?.stop();
    log('stopped');
  }
  process.exit(exitCode);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  const options = parseStartOptions(process.argv.slice(2), process.env, REPO_ROOT);
  // The AWS SDK warns, in eight lines per process, that its 2027 releases will need Node 22.
  // Said once here instead, for the launcher and every service it starts.
  if (Number(process.versions.node.split('.')[0]) < 22) log('Node 22 is recommended (Node 20 works; the AWS SDK will require 22 from 2027)');
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  const ports: Record<ServiceName, number> = {
    gateway: options.gatewayPort,
    catalog: options.gatewayPort + 1,
    cart: options.gatewayPort + 2,
    checkout: options.gatewayPort + 3,
    identity: options.gatewayPort + 4,
  };
  await Promise.all([
    assertJava(),
    assertRedisAnswers(options.redisUrl),
    ...[...Object.values(ports), options.storefrontPort, options.smtpPort, options.mailboxPort].map((port) => assertPortFree(port)),
  ]);
  // Identity's email goes to a real SMTP server on this machine; each link is printed here
  // and the messages are on a page, so a developer follows a reset link from the browser.
  mailbox = await startLocalMailbox({
    port: options.smtpPort,
    onMail: (mail) => log(`email to ${mail.to.join(', ')}: "${mail.subject}"${mail.links.map((link) => `\n    ${link}`).join('')}`),
  });
  mailboxPage = await startMailboxPage(mailbox, options.mailboxPort);
  // The storefront is another origin than the gateway, as in production: the gateway must
  // allow it (CORS, with credentials) for the browser to send the session cookie.
  const storefrontOrigin = `http://127.0.0.1:${options.storefrontPort}`;

  const dbPath = join(options.dataDir, 'dynamodb');
  if (options.fresh) {
    await rm(dbPath, { recursive: true, force: true });
    log('--fresh: starting with an empty database');
  }
  const keys = await ensureDevKeys(join(options.dataDir, 'keys', 'dev-keys.json'), log);
  stack = await buildStack({
    runner: asProcesses({ mode: 'source', stopGraceMs: STOP_GRACE_MS }),
    dynamodb: { embedded: { dbPath } },
    // Tables under their default names, kept between runs; seeded once (the marker says how far).
    prepare: async (endpoint) => {
      log(`DynamoDB Local on ${endpoint}, data in ${dbPath}`);
      await bootstrapTables(endpoint, log);
      await seedIfEmpty(endpoint, log, { products: options.products, progress: true });
      await ensureLocalAdmin(endpoint, log);
    },
    ports,
    keys,
    redis: { url: options.redisUrl, keyPrefix: options.redisKeyPrefix },
    env: { NODE_ENV: 'development' },
    serviceEnv: {
      // identity's email goes to the local SMTP server; its links open the storefront.
      identity: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(options.smtpPort), STOREFRONT_URL: storefrontOrigin },
      gateway: { CORS_ORIGINS: storefrontOrigin },
    },
    log,
  });
  const gatewayUrl = stack.graphqlUrl('gateway');
  storefront = createStorefrontServer({ gatewayUrl, port: options.storefrontPort });
  const { url: storefrontUrl } = await storefront.start();
  for (const { process: service } of Object.values(stack.services)) {
    void service.exited.then((code) => {
      if (stopping) return;
      log(`${service.name} exited unexpectedly (code ${code}); stopping everything`);
      void stopAll(1);
    });
  }
  printBanner(gatewayUrl, storefrontUrl, mailboxPage.url);
} catch (error) {
  process.stderr.write(`[shopgraph] could not start: ${(error as Error).message}\n`);
  await stopAll(1);
}

function printBanner(url: string, storefrontUrl: string, mailboxUrl: string): void {
  const query = '{ products(first: 3) { edges { node { title priceRange { min { amount currencyCode } } } } } }';
  process.stdout.write(`
  shopgraph is running: ${url}
  Storefront:           ${storefrontUrl}
  Mailbox:              ${mailboxUrl} (the emails identity sent: sign-up, password reset; each link is also printed here)
  Playground:           open ${url} in a browser (GraphiQL, works offline; PLAYGROUND=sandbox for Apollo Sandbox)
  Try:
    curl -s -c .data/cookies.txt -b .data/cookies.txt ${url} \\
      -H 'content-type: application/json' \\
      -d '${JSON.stringify({ query })}'
  Ctrl-C stops everything.

`);
}
