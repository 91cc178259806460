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
  /**
   * Measured rounds of the memory section: each round starts every series' process afresh, in an
   * order rotated by one per round; figures are reported as min, median and max of the rounds.
   */
  memoryRounds: number;
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

const USAGE = 'usage: npm run bench [-- --quick] [-- --only throughput,memory,churn] [-- --rounds N] [-- --memory-rounds N] [-- --sessions N,N,...]';
/** Fewer than three rounds has no median apart from its ends: no spread to read. */
const MIN_ROUNDS = 3;

export function parseBenchOptions(argv: string[], env: Record<string, string | undefined>): BenchSettings {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      rounds: { type: 'string' },
      'memory-rounds': { type: 'string' },
      sessions: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      `${USAGE}\n  --quick          a smoke run, a few minutes: short runs, fewer sessions and users\n  --only           some sections only\n  --rounds         measured rounds per throughput cell (5; --quick 3; at least ${MIN_ROUNDS})\n  --memory-rounds  measured rounds of the memory section, every series each round (3; at least ${MIN_ROUNDS})\n  --sessions       the memory section's steps of sessions (1000,10000,100000; --quick 100,300,1000)\n`,
    );
    process.exit(0);
  }
  const sections = values.only ? values.only.split(',').map((name) => name.trim()) : [...SECTIONS];
  const unknown = sections.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown section ${unknown.join(', ')}\n${USAGE}`);
  const quick = values.quick;
  const rounds = roundsOption('--rounds', values.rounds, quick ? 3 : 5);
  // Three by default even at full size: a memory round is 100,000 sessions for each of four
  // processes (about 19 minutes), where a throughput round is a few seconds a cell.
  const memoryRounds = roundsOption('--memory-rounds', values['memory-rounds'], 3);
  return Object.freeze({
    quick,
    sections: sections as Section[],
    connections: quick ? 10 : 20,
    warmupSeconds: quick ? 0.3 : 3,
    measureSeconds: quick ? 0.5 : 10,
    rounds,
    products: 36,
    sessionSteps: values.sessions === undefined ? (quick ? [100, 300, 1_000] : [1_000, 10_000, 100_000]) : sessionSteps(values.sessions),
    memoryRounds,
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

function roundsOption(name: string, value: string | undefined, fallback: number): number {
  const rounds = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(rounds) || rounds < MIN_ROUNDS) throw new Error(`${name} must be a whole number of at least ${MIN_ROUNDS}\n${USAGE}`);
  return rounds;
}

/** Each step is the number of sessions sent so far, so the steps must rise. */
function sessionSteps(value: string): number[] {
  const steps = value.split(',').map((step) => Number(step.trim()));
  if (steps.some((step, i) => !Number.isInteger(step) || step <= (steps[i - 1] ?? 0))) throw new Error(`--sessions must be rising whole numbers above 0, as 100,300,1000\n${USAGE}`);
  return steps;
}
