import { percentSpread, ratioSpread } from './figures.js';
import { roundRatio, roundsVerdict, type RoundRatio } from './round-ratios.js';
import type { RoundFigures, Target, ThroughputCell } from './throughput.js';
import { WORKLOAD_TITLES, type WorkloadKey } from './workloads.js';

/** A goal stated as a ratio between two targets' figures, checked round by round. */
interface RatioGoal {
  title: string;
  over: Target;
  under: Target;
  figure: (round: RoundFigures) => number;
  /** The ratio a round must reach (`at-least`), stay within (`at-most`) or stay below (`under`). */
  bound: number;
  direction: 'at-least' | 'at-most' | 'under';
  /** Shown as the ratio, or as the share added (a CPU cost that must stay under some percent). */
  show: 'ratio' | 'added';
  /** Only these workloads; every workload both targets ran, when absent. */
  workloads?: WorkloadKey[];
}

const requestsPerSecond = (round: RoundFigures) => round.requestsPerSecond;
const cpuMsPerRequest = (round: RoundFigures) => round.cpuMsPerRequest;

/** The case's goals for sections 1 and 2, as docs/performance.md states them. */
const GOALS: RatioGoal[] = [
  { title: 'req/s at least 1.7x the stock gateway', over: 'shopgraph', under: 'stock', figure: requestsPerSecond, bound: 1.7, direction: 'at-least', show: 'ratio' },
  { title: 'req/s at least equal to Hive Gateway', over: 'shopgraph', under: 'hive', figure: requestsPerSecond, bound: 1, direction: 'at-least', show: 'ratio' },
  { title: "CPU per request at most 0.6x the stock gateway's", over: 'shopgraph', under: 'stock', figure: cpuMsPerRequest, bound: 0.6, direction: 'at-most', show: 'ratio' },
  {
    title: 'from the response cache, req/s at least 5x the stock gateway',
    over: 'shopgraph-cached',
    under: 'stock',
    figure: requestsPerSecond,
    bound: 5,
    direction: 'at-least',
    show: 'ratio',
    workloads: ['browse-anonymous'],
  },
  { title: 'session verification adds under 5% CPU per request', over: 'shopgraph', under: 'shopgraph-sessions-off', figure: cpuMsPerRequest, bound: 1.05, direction: 'under', show: 'added' },
];

/**
 * The goals table: each goal on each workload, its per-round ratio as median (min–max), and
 * "holds" only when its worst round holds; a median that holds over a round that does not is
 * said as such, not counted as met.
 */
export function goalsSection(cells: ThroughputCell[]): string[] {
  const cell = (workload: WorkloadKey, target: Target) => cells.find((c) => c.workload === workload && c.target === target && !c.refused);
  const workloads = [...new Set(cells.map((c) => c.workload))];
  const rows = GOALS.flatMap((goal) =>
    (goal.workloads ?? workloads).flatMap((workload) => {
      const ratio = roundRatio(cell(workload, goal.over), cell(workload, goal.under), goal.figure);
      if (ratio.perRound.length === 0 || !Number.isFinite(ratio.median)) return [];
      return [`| ${goal.title} | ${WORKLOAD_TITLES[workload]} | ${shown(goal, ratio)} | ${verdict(goal, ratio)} |`];
    }),
  );
  if (rows.length === 0) return [];
  return [
    '### Goals, round by round',
    '',
    "Each ratio pairs the two targets' figures of the same round; a goal holds only when its worst round holds.",
    '',
    '| goal | workload | median (min–max) over the rounds | |',
    '| --- | --- | ---: | --- |',
    ...rows,
  ];
}

function shown(goal: RatioGoal, ratio: RoundRatio): string {
  return goal.show === 'added' ? percentSpread({ min: ratio.min - 1, median: ratio.median - 1, max: ratio.max - 1 }) : ratioSpread(ratio);
}

function verdict(goal: RatioGoal, ratio: RoundRatio): string {
  const holds = (value: number) => (goal.direction === 'at-least' ? value >= goal.bound : goal.direction === 'at-most' ? value <= goal.bound : value < goal.bound);
  return roundsVerdict(ratio.perRound, holds);
}
