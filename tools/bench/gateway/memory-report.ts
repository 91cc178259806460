import { TOKEN_CACHE_LIMITS } from '../../../gateway/src/session/cached-codec.js';
import { SIGNED_CONTEXT_CACHE_LIMITS } from '../../../gateway/src/propagation/cached-signer.js';
import { fixed, percentSpread, ratioSpread, spread } from './figures.js';
import { MEMORY_SERIES, type MemoryCell, type MemoryReading, type MemoryResults, type MemorySeries } from './memory.js';
import { roundRatio, roundsVerdict, type RoundRatio } from './round-ratios.js';
import { spreadOf, type Spread } from './stats.js';
import { lineChart, type LineSeries } from './svg-charts.js';

const TITLES: Record<MemorySeries, string> = {
  shopgraph: 'shopgraph, 1 request each',
  shopgraphReturning: 'shopgraph, 2 requests each',
  statefulShopgraph: 'stateful shopgraph',
  inMemoryBaseline: 'express + MemoryStore',
};
/** The case's goals for this section, as docs/performance.md states them. */
const MIN_SAVING = 0.4;
const MAX_GROWTH = 1.1;

/** Megabytes, to one decimal. */
const mb = (value: number | undefined) => fixed(value, 1);
const count = (sessions: number) => sessions.toLocaleString('en-US');
const rss = (reading: MemoryReading) => reading.rssMb;
const rssOf = (cell: MemoryCell | undefined) => spread(spreadOf(cell?.rounds.map(rss) ?? []), 1);
const cacheBudgetMb = ((TOKEN_CACHE_LIMITS.maxBytes ?? 0) + (SIGNED_CONTEXT_CACHE_LIMITS.maxBytes ?? 0)) / 1024 / 1024;

/** RSS saved against another series, round by round: 1 − ours ÷ theirs, with the per-round values for the goal. */
function saving(ours: MemoryCell | undefined, theirs: MemoryCell | undefined): Spread & { perRound: number[] } {
  const perRound = roundRatio(ours, theirs, rss).perRound.map((ratio) => 1 - ratio);
  return { ...spreadOf(perRound), perRound };
}

/** The reading of the round whose RSS is the median: one process's own figures, which add up, where medians taken figure by figure would not. */
function medianReading(cell: MemoryCell): MemoryReading | undefined {
  const { median } = spreadOf(cell.rounds.map(rss));
  return cell.rounds.find((reading) => reading.rssMb === median);
}

/** Where one process's RSS was at one step: V8's spaces, memory V8 reports outside its heap, and the rest. */
function breakdownRow(name: string, sessions: number, point: MemoryReading): string {
  const space = (key: string) => point.heapSpacesMb[key];
  const old = space('old_space');
  const outside = point.rssMb - point.heapTotalMb - point.externalMb;
  return `| ${name} | ${count(sessions)} | ${point.round + 1} | ${mb(point.rssMb)} | ${mb(point.heapTotalMb)} | ${mb(point.heapUsedMb)} | ${mb(old?.used)} / ${mb(old?.committed)} | ${mb(space('new_space')?.committed)} | ${mb(space('large_object_space')?.used)} | ${mb(space('code_space')?.committed)} | ${mb(point.externalMb)} | ${mb(outside)} |`;
}

/** Section 3 of the report: every figure as median (min–max) of the rounds, every saving and growth taken round by round. */
export function memorySection(memory: MemoryResults | undefined): string[] {
  if (!memory) return [];
  const cell = (series: MemorySeries, sessions: number | undefined) => memory.cells.find((c) => c.series === series && c.sessions === sessions);
  const steps = [...new Set(memory.cells.map((c) => c.sessions))].sort((a, b) => a - b);
  const measured = steps.filter((sessions) => sessions > 0);
  const first = measured[0];
  const last = measured.at(-1);
  const ends = [...new Set(measured.filter((sessions) => sessions === first || sessions === last))];
  const lines = [
    '## 3. Memory versus sessions (one replica)',
    '',
    `${memory.request}; ${memory.method}. Every figure is median (min–max) of ${memory.rounds} rounds. Each round starts every series' process afresh, in an order rotated by one series per round; a saving pairs two series' readings of the same round, a growth two steps of the same process, and both are shown as median (min–max) of those.`,
    '',
    `| sessions | ${MEMORY_SERIES.map((series) => `${TITLES[series]}: RSS MB`).join(' | ')} | RSS saved against stateful shopgraph (one / two requests) |`,
    '| ---: | ---: | ---: | ---: | ---: | --- |',
    ...steps.map((sessions) => {
      const stateful = cell('statefulShopgraph', sessions);
      const saved = `${percentSpread(saving(cell('shopgraph', sessions), stateful))} / ${percentSpread(saving(cell('shopgraphReturning', sessions), stateful))}`;
      return `| ${count(sessions)} | ${MEMORY_SERIES.map((series) => rssOf(cell(series, sessions))).join(' | ')} | ${saved} |`;
    }),
    '',
    ...goalsTable(cell, first, last),
  ];
  // Where each shopgraph series crosses the stateful design: the measured step from which it
  // stays below in every round. The stateful one grows with every session it keeps, the
  // stateless one stops where its caches do.
  const crossing = (series: 'shopgraph' | 'shopgraphReturning') => {
    const below = measured.map((sessions) => {
      const { perRound } = roundRatio(cell(series, sessions), cell('statefulShopgraph', sessions), rss);
      return perRound.length > 0 && perRound.every((ratio) => ratio < 1);
    });
    const index = below.findIndex((_, i) => below.slice(i).every(Boolean));
    const title = series === 'shopgraph' ? 'With sessions that come once (one request each)' : 'With sessions that come back (two requests each)';
    return index >= 0
      ? `${title}, shopgraph uses less than stateful shopgraph in every round from ${count(measured[index] as number)} sessions on.`
      : `${title}, no measured step is one from which shopgraph stays below stateful shopgraph in every round.`;
  };
  lines.push(
    '',
    `${crossing('shopgraph')} ${crossing('shopgraphReturning')} ` +
    `The gateway's per-session caches (decoded tokens, signed contexts) keep a session from its second request on and hold at most ${cacheBudgetMb} MB of entries between them, about 30,000 sessions each: their live entries stop growing there, ` +
      "but what V8 keeps committed for the old space they churn through does not (old space used against committed, in the breakdown below).",
    '',
    'Where RSS was at the first and last step, in the round with the median RSS (MB; "outside" is RSS less V8\'s committed heap and external memory: code, thread stacks, the allocator):',
    '',
    '| series | sessions | round | RSS | heap committed | heap used | old space used / committed | new space | large objects | code | external | outside |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const series of MEMORY_SERIES) {
    for (const sessions of ends) {
      const measuredCell = cell(series, sessions);
      const reading = measuredCell && medianReading(measuredCell);
      if (reading) lines.push(breakdownRow(TITLES[series], sessions, reading));
    }
  }
  lines.push('', '![memory](memory.svg)');
  return lines;
}

/** The section's goals, each checked round by round: it holds only when its worst round holds. */
function goalsTable(cell: (series: MemorySeries, sessions: number | undefined) => MemoryCell | undefined, first: number | undefined, last: number | undefined): string[] {
  if (first === undefined || last === undefined || first === last) return [];
  const growth = (series: MemorySeries): RoundRatio => roundRatio(cell(series, last), cell(series, first), rss);
  const rows = (['shopgraph', 'shopgraphReturning'] as const).flatMap((series) => {
    const saved = saving(cell(series, last), cell('statefulShopgraph', last));
    const grown = growth(series);
    return [
      `| RSS at least ${MIN_SAVING * 100}% below stateful shopgraph's at ${count(last)} sessions | ${TITLES[series]} | ${percentSpread(saved)} | ${roundsVerdict(saved.perRound, (value) => value >= MIN_SAVING)} |`,
      `| RSS at ${count(last)} sessions at most ${MAX_GROWTH.toFixed(2)}x that at ${count(first)} | ${TITLES[series]} | ${ratioSpread(grown)} | ${roundsVerdict(grown.perRound, (value) => value <= MAX_GROWTH)} |`,
    ];
  });
  return ['| goal | series | median (min–max) over the rounds | |', '| --- | --- | ---: | --- |', ...rows];
}

/** RSS against sessions: the median of the rounds at each step, whiskers from the lowest round to the highest. */
export function memoryChart(memory: MemoryResults): string {
  const line = (series: MemorySeries): LineSeries => {
    const spreads = memory.cells
      .filter((c) => c.series === series && c.sessions > 0)
      .sort((a, b) => a.sessions - b.sessions)
      .map((c) => ({ sessions: c.sessions, ...spreadOf(c.rounds.map(rss)) }));
    return {
      name: TITLES[series],
      points: spreads.map((step): [number, number] => [step.sessions, step.median]),
      ranges: spreads.map(({ min, max }) => ({ min, max })),
    };
  };
  return lineChart({
    title: `RSS after GC vs sessions, one replica (median of ${memory.rounds} rounds; whiskers: lowest–highest)`,
    unit: 'MB',
    xLabel: 'sessions (log scale)',
    logX: true,
    series: MEMORY_SERIES.map(line),
  });
}
