import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface StartOptions {
  /** Delete the local database first: no carts, a freshly seeded catalog. */
  fresh: boolean;
  /** How many demo products to seed into an empty catalog. */
  products: number;
  gatewayPort: number;
  /** The storefront's port: another origin than the gateway's, as in production. */
  storefrontPort: number;
  /** The local SMTP server identity sends email to (on 127.0.0.1). */
  smtpPort: number;
  /** The page that shows the emails the local SMTP server took. */
  mailboxPort: number;
  redisUrl: string;
  /** Prefixes every Redis key of this stack: two stacks can share one Redis without sharing sessions or limits. */
  redisKeyPrefix: string;
  /** Where the database and the development keys live; `.data/` unless SHOPGRAPH_DATA_DIR says otherwise. */
  dataDir: string;
}

const USAGE =
  'usage: npm start [-- --fresh] [-- --products N]   (PORT=4000 sets the gateway port; subgraphs use the next four; STOREFRONT_PORT=3000 the storefront; LOCAL_SMTP_PORT=2525 the local SMTP server, MAILBOX_PORT=3025 its page)';

/** Reads `npm start` flags and the few variables the launcher itself needs. */
export function parseStartOptions(argv: string[], env: Record<string, string | undefined>, repoRoot: string): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      fresh: { type: 'boolean', default: false },
      products: { type: 'string', default: '36' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const products = Number(values.products);
  const gatewayPort = Number(env['PORT'] || 4000);
  if (!Number.isInteger(products) || products < 1 || products > 100_000) throw new Error(`--products must be a whole number from 1 to 100000\n${USAGE}`);
  const storefrontPort = Number(env['STOREFRONT_PORT'] || 3000);
  if (!Number.isInteger(gatewayPort) || gatewayPort < 1 || gatewayPort > 65_530) throw new Error(`PORT must be a port number\n${USAGE}`);
  if (!Number.isInteger(storefrontPort) || storefrontPort < 1 || storefrontPort > 65_535) throw new Error(`STOREFRONT_PORT must be a port number\n${USAGE}`);
  const smtpPort = Number(env['LOCAL_SMTP_PORT'] || 2525);
  const mailboxPort = Number(env['MAILBOX_PORT'] || 3025);
  for (const [name, port] of [['LOCAL_SMTP_PORT', smtpPort], ['MAILBOX_PORT', mailboxPort]] as const) {
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`${name} must be a port number\n${USAGE}`);
  }
  return {
    fresh: values.fresh,
    products,
    gatewayPort,
    storefrontPort,
    smtpPort,
    mailboxPort,
    redisUrl: env['REDIS_URL'] || 'redis://127.0.0.1:6379',
    redisKeyPrefix: env['REDIS_KEY_PREFIX'] || 'shopgraph:',
    dataDir: resolve(repoRoot, env['SHOPGRAPH_DATA_DIR'] || '.data'),
  };
}
