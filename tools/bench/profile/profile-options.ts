import { parseArgs } from 'node:util';

export const PROFILE_SECTIONS = ['profile', 'catalog', 'cart', 'gap'] as const;
export type ProfileSection = (typeof PROFILE_SECTIONS)[number];

/** Everything a run's numbers depend on; printed in the report. */
export interface ProfileSettings {
  sections: ProfileSection[];
  /** Connections per load run, each its own virtual user, as in `npm run bench`. */
  connections: number;
  warmupSeconds: number;
  /** Measured requests in each profile. */
  browseRequests: number;
  cartRequests: number;
  /** Measured requests of anonymous `Browse` from the response cache: several times the others', as each costs a fraction. */
  cachedRequests: number;
  /** Rounds and seconds per run of the Cart gap measurement. */
  gapRounds: number;
  gapSeconds: number;
  products: number;
}

const USAGE = 'usage: npm run bench:profile [-- --only profile,catalog,cart,gap] [-- --browse-requests N] [-- --cart-requests N] [-- --cached-requests N] [-- --gap-rounds N] [-- --gap-seconds S]';

const numberOption = (value: string | undefined, fallback: number, name: string, least: number, { whole = true } = {}) => {
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(parsed) || parsed < least || (whole && !Number.isInteger(parsed))) throw new Error(`--${name} must be a ${whole ? 'whole ' : ''}number of at least ${least}\n${USAGE}`);
  return parsed;
};

export function parseProfileOptions(argv: string[]): ProfileSettings {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      'browse-requests': { type: 'string' },
      'cart-requests': { type: 'string' },
      'cached-requests': { type: 'string' },
      'gap-rounds': { type: 'string' },
      'gap-seconds': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n  --only  profile (the gateway's three CPU profiles), catalog (the catalog subgraph's profile while the gateway serves Cart), cart (the cart subgraph's, behind the gateway and driven directly) or gap (the Cart gap rounds); all by default\n`);
    process.exit(0);
  }
  const sections = values.only ? values.only.split(',').map((name) => name.trim()) : [...PROFILE_SECTIONS];
  const unknown = sections.filter((name) => !(PROFILE_SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown section ${unknown.join(', ')}\n${USAGE}`);
  return Object.freeze({
    sections: sections as ProfileSection[],
    connections: 20,
    warmupSeconds: 3,
    browseRequests: numberOption(values['browse-requests'], 3_000, 'browse-requests', 100),
    cartRequests: numberOption(values['cart-requests'], 1_000, 'cart-requests', 100),
    cachedRequests: numberOption(values['cached-requests'], 10_000, 'cached-requests', 100),
    // Three rounds at least: fewer has no median apart from its ends.
    gapRounds: numberOption(values['gap-rounds'], 5, 'gap-rounds', 3),
    gapSeconds: numberOption(values['gap-seconds'], 4, 'gap-seconds', 1, { whole: false }),
    products: 36,
  });
}
