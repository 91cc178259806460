import { relative } from 'node:path';
import { REPO_ROOT } from '../../compose/subgraph-list.js';
import type { Spread } from '../gateway/stats.js';
import type { SubgraphName } from '../gateway/subgraph-stack.js';
import { GAP_TARGETS, type CartGap } from './cart-gap.js';
import type { FunctionTime, ProfileSummary } from './cpu-profile.js';
import type { ProfiledRun } from './profiled-gateway.js';

export interface ProfileReportInput {
  title: string;
  /** The profiled process, as the text names it. */
  process: 'gateway' | `${SubgraphName} subgraph`;
  run: ProfiledRun;
  summary: ProfileSummary;
}

const TOP_FUNCTIONS = 25;
const TOP_OWN_FUNCTIONS = 15;

const fixed = (value: number, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const percent = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '–');
const spread = ({ min, median, max }: Spread, digits: number, unit = '') => `${fixed(median, digits)}${unit} (${fixed(min, digits)}–${fixed(max, digits)})`;

/** The markdown of one run of `npm run bench:profile`. */
export function profileReport({ header, profiles, gap }: { header: string[]; profiles: ProfileReportInput[]; gap: CartGap | undefined }): string {
  return [
    '# Gateway CPU profile (`npm run bench:profile`)',
    '',
    ...header,
    '',
    ...profiles.flatMap(workloadSection),
    ...(gap ? gapSection(gap) : []),
  ].join('\n');
}

function workloadSection({ title, process, run, summary }: ProfileReportInput): string[] {
  const perRequest = (ms: number) => fixed(ms / run.requests);
  const functionRow = (fn: FunctionTime, i: number) => `| ${i + 1} | \`${fn.name}\` | ${fn.where} | ${fn.area} | ${perRequest(fn.ms)} | ${percent(fn.ms, summary.busyMs)} |`;
  const wallSeconds = (run.window.endMicros - run.window.startMicros) / 1e6;
  return [
    `## ${title}`,
    '',
    `${run.requests} requests in ${fixed(run.seconds, 1)} s (${fixed(run.requests / run.seconds, 0)} req/s, ${run.failed} failed); ` +
      `${process} CPU ${fixed((run.cpuSeconds * 1000) / run.requests)} ms per request from /proc, ${percent(run.cpuSeconds, wallSeconds)} of its core; ` +
      `the profile sampled ${fixed(summary.busyMs / run.requests)} ms busy per request (its JavaScript thread only). Profile: \`${relative(REPO_ROOT, run.profilePath)}\`.`,
    '',
    '| area (self time) | ms/req | share of busy |',
    '| --- | ---: | ---: |',
    ...summary.byArea.filter(({ ms }) => ms > 0).map(({ area, ms }) => `| ${area} | ${perRequest(ms)} | ${area === 'idle' ? '–' : percent(ms, summary.busyMs)} |`),
    '',
    `Top ${TOP_FUNCTIONS} functions by self time (idle left out):`,
    '',
    '| # | function | where | area | ms/req | share of busy |',
    '| ---: | --- | --- | --- | ---: | ---: |',
    ...summary.byFunction.filter((fn) => fn.area !== 'idle').slice(0, TOP_FUNCTIONS).map(functionRow),
    '',
    ...(process === 'gateway'
      ? [
          "The gateway's session code by inclusive time (with what it calls: decryption, Redis, signing):",
          '',
          '| # | function | where | area | ms/req | share of busy |',
          '| ---: | --- | --- | --- | ---: | ---: |',
          ...summary.ownInclusive.filter((fn) => fn.area === 'session code (token, cookie, revocation, internal context)').map(functionRow),
          '',
        ]
      : []),
    `shopgraph's own functions by inclusive time (with their callees), top ${TOP_OWN_FUNCTIONS}:`,
    '',
    '| # | function | where | area | ms/req | share of busy |',
    '| ---: | --- | --- | --- | ---: | ---: |',
    ...summary.ownInclusive.slice(0, TOP_OWN_FUNCTIONS).map(functionRow),
    '',
  ];
}

function gapSection(gap: CartGap): string[] {
  const rounds = gap.rounds['cart subgraph alone'].length;
  return [
    `## Signed-in \`Cart\`: the gateway against the cart subgraph alone`,
    '',
    `${rounds} rounds, every target once a round in a rotated order; median (lowest–highest round). ` +
      'The cart-fields-only read is the contract\'s `Cart` without the variant\'s `sku`, `title` and `product` (catalog\'s): ' +
      'the gateway plans it as one fetch to cart, the same document the subgraph alone is sent.',
    '',
    '| target | req/s | serving process CPU ms/req | cart subgraph CPU ms/req | catalog subgraph CPU ms/req | failed |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...GAP_TARGETS.map(
      (target) =>
        `| ${target} | ${spread(gap.requestsPerSecond[target], 0)} | ${spread(gap.cpuMsPerRequest[target], 2)} | ` +
        `${spread(gap.subgraphCpuMsPerRequest.cart[target], 2)} | ${spread(gap.subgraphCpuMsPerRequest.catalog[target], 2)} | ` +
        `${gap.rounds[target].reduce((sum, r) => sum + r.failed, 0)} |`,
    ),
    '',
    `- contract \`Cart\` through the gateway ÷ cart subgraph alone: ${spread(gap.ratioToSubgraph.full, 2, 'x')}`,
    `- cart fields only through the gateway ÷ cart subgraph alone: ${spread(gap.ratioToSubgraph.cartOnly, 2, 'x')}`,
    `- share of the gap (in time per request) that catalog's variant fetch accounts for: ${spread({ min: 100 * gap.catalogShare.min, median: 100 * gap.catalogShare.median, max: 100 * gap.catalogShare.max }, 0, '%')} ` +
      '(over 100% when the gateway without catalog\'s fields outran the subgraph alone)',
    '',
  ];
}
