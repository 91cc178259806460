import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../compose/subgraph-list.js';
import type { BenchSettings } from './bench-options.js';
import { failuresTable } from './churn-failures.js';
import { designTitle } from './capacity.js';
import type { ChurnResults } from './churn.js';
import { fixed, percent } from './figures.js';
import type { MemoryResults } from './memory.js';
import { memorySection } from './memory-report.js';
import { writeCharts } from './report-charts.js';
import { throughputSection } from './throughput-report.js';
import type { ThroughputCell } from './throughput.js';

/** Where `npm run bench` writes its report (git-ignored, like every result). */
export const RESULTS_DIR = join(REPO_ROOT, 'tools', 'bench', 'results');

function machine() {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    nproc: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    memoryGb: (totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    commit: `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') ? ' (with uncommitted changes)' : ''}`,
  };
}


function churnSection(churn: ChurnResults | undefined): string[] {
  if (!churn) return [];
  const lines = [
    '## 4. Scale-out and churn',
    '',
    '| design | proxy | users | requests | failed | sessions lost | cart lines lost | doubled | consecutive requests on different replicas | schedule |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...churn.runs.map(
      (run) =>
        `| ${designTitle(run.design)} | ${run.proxy} | ${run.users} | ${run.requests} | ${run.failed} | ${run.sessionsLost} | ${run.linesLost} | ${run.linesDoubled} | ${percent(run.differentReplicaShare)} | ${run.events.map((event) => `${event.atSeconds.toFixed(1)} s ${event.action}`).join('; ')} |`,
    ),
    '',
    'Every failed request against the schedule (seconds on the run\'s clock; "answered by" is the replica haproxy named in its answer, a dash when no answer came or haproxy answered itself):',
    ...churn.runs.flatMap((run) => ['', ...failuresTable(designTitle(run.design), run.requests, run.failures, run.events)]),
    '',
    `Concurrent users held within a p99 of ${churn.p99BudgetMs} ms, nothing failed (anonymous \`Browse\` through the proxy; every replica on the gateway's one core, so three replicas share the CPU one has):`,
    '',
    '| design | replicas | users held | steps (users: p99 ms, req/s) |',
    '| --- | ---: | ---: | --- |',
    ...churn.capacity.map(
      (row) =>
        `| ${designTitle(row.design)} | ${row.replicas} | ${row.usersHeld} | ${row.steps.map((step) => `${step.connections}: ${fixed(step.p99Ms)}, ${fixed(step.requestsPerSecond)}${step.failed ? ` (${step.failed} failed)` : ''}`).join('; ')} |`,
    ),
    '',
    ...churn.runs.map((run) => `![churn ${run.design}](churn-${run.design}.svg)`),
  ];
  return lines;
}

/** Writes report.md, results.json and the SVG charts to tools/bench/results/; returns the Markdown. */
export async function writeReport({
  settings,
  throughput,
  memory,
  churn,
  failures = [],
  seconds,
  pinned,
}: {
  settings: BenchSettings;
  throughput: ThroughputCell[];
  memory?: MemoryResults | undefined;
  churn?: ChurnResults | undefined;
  /** Sections that stopped with an error: named in the report, which keeps what the others measured. */
  failures?: { section: string; error: string }[];
  seconds: number;
  pinned: boolean;
}) {
  const host = machine();
  const markdown = [
    `# npm run bench${settings.quick ? ' -- --quick' : ''}`,
    '',
    `Measured ${new Date().toISOString()} in ${seconds.toFixed(0)} s. Machine: ${host.nproc} × ${host.model}, ${host.memoryGb} GB; Node ${host.node}; commit ${host.commit}.`,
    `Pinning: ${pinned ? 'gateways under test on core 0; subgraphs, DynamoDB Local, haproxy and the load generator (autocannon) on core 1 (Redis is not pinned)' : 'none (no taskset)'}.`,
    `Settings: ${JSON.stringify(settings)}.`,
    '',
    ...failures.map(({ section, error }) => `**The ${section} section failed:** ${error}\n`),
    ...throughputSection(throughput, settings),
    '',
    ...memorySection(memory),
    '',
    ...churnSection(churn),
    '',
  ].join('\n');

  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(join(RESULTS_DIR, 'report.md'), markdown);
  await writeFile(join(RESULTS_DIR, 'results.json'), `${JSON.stringify({ machine: host, settings, throughput, memory, churn }, null, 2)}\n`);
  await writeCharts(RESULTS_DIR, { throughput, memory, churn });
  return { markdown, path: join(RESULTS_DIR, 'report.md') };
}
