import { parseArgs } from 'node:util';

export const SECTIONS = ['throughput', 'memory', 'churn'] as const;
export type Section = (typeof SECTIONS)[number];

/** Everything a run's numbers depend on; printed in the report. */
export interface BenchSettings {
  quick: boolean;
  sections: Section[];
  /** autocannon connections per throughput run; every connection is its own virtual user. */
  connections: number;
  warmupSeconds: number;
  measureSeconds: number;
  /**
   * Measured rounds per throughput cell: each round runs every target of a workload once, in an
   * order rotated by one per round; figures are reported as min, median and max of the rounds.
   */
  rounds: number;
  products: number;
  sessionSteps: number[];
  /** Requests in flight while sessions are created for the memory steps. */
  memoryConcurrency: number;
  churnUsers: number;
  churnSeconds: number;
  /** Users keep shopping this long after the schedule's last step, so that every replica is back. */
  churnSettleSeconds: number;
  /** p99 budget for the "concurrent users held" ramp. */
  p99BudgetMs: number;
  capacitySteps: number[];
  capacitySeconds: number;
  /** haproxy's retry-on for the churn runs (BENCH_PROXY_RETRY_ON). */
  proxyRetryOn: string;
}

const USAGE = 'usage: npm run bench [-- --quick] [-- --only throughput,memory,churn] [-- --rounds N]';
/** Fewer than three rounds has no median apart from its ends: no spread to read. */
const MIN_ROUNDS = 3;

export function parseBenchOptions(argv: string[], env: Record<string, string | undefined>): BenchSettings {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, rounds: { type: 'string' }, help: { type: 'boolean', default: false } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n  --quick  a smoke run, under two minutes: short runs, fewer sessions and users\n  --only   some sections only\n  --rounds measured rounds per throughput cell (5; --quick 3; at least ${MIN_ROUNDS})\n`);
    process.exit(0);
  }
  const sections = values.only ? values.only.split(',').map((name) => name.trim()) : [...SECTIONS];
  const unknown = sections.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown section ${unknown.join(', ')}\n${USAGE}`);
  const quick = values.quick;
  const rounds = values.rounds === undefined ? (quick ? 3 : 5) : Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < MIN_ROUNDS) throw new Error(`--rounds must be a whole number of at least ${MIN_ROUNDS}\n${USAGE}`);
  return Object.freeze({
    quick,
    sections: sections as Section[],
    connections: quick ? 10 : 20,
    warmupSeconds: quick ? 0.3 : 3,
    measureSeconds: quick ? 0.5 : 10,
    rounds,
    products: 36,
    sessionSteps: quick ? [100, 300, 1_000] : [1_000, 10_000, 100_000],
    memoryConcurrency: 16,
    // Prime to 2, 3 and 4: users taking turns in step through a round robin of that many
    // replicas would otherwise come back to the same replica on every request.
    churnUsers: quick ? 7 : 41,
    churnSeconds: quick ? 6 : 60,
    churnSettleSeconds: quick ? 2 : 5,
    p99BudgetMs: 250,
    capacitySteps: quick ? [4, 32] : [4, 8, 16, 32, 64, 128, 256],
    capacitySeconds: quick ? 0.3 : 5,
    // With empty-response, a request whose replica died after receiving it is sent again: no
    // failure, but a mutation can land twice. conn-failure alone retries only unsent requests.
    proxyRetryOn: env['BENCH_PROXY_RETRY_ON'] || 'conn-failure empty-response',
  });
}
