import { TOKEN_CACHE_LIMITS } from '../../../gateway/src/session/cached-codec.js';
import { SIGNED_CONTEXT_CACHE_LIMITS } from '../../../gateway/src/propagation/cached-signer.js';
import { fixed, percent } from './figures.js';
import type { MemoryPoint, MemoryResults } from './memory.js';
import { lineChart } from './svg-charts.js';

/** Megabytes, to one decimal. */
const mb = (value: number | undefined) => fixed(value, 1);
const sessions = (point: MemoryPoint) => point.sessions.toLocaleString('en-US');
const cacheBudgetMb = ((TOKEN_CACHE_LIMITS.maxBytes ?? 0) + (SIGNED_CONTEXT_CACHE_LIMITS.maxBytes ?? 0)) / 1024 / 1024;

/** RSS growth from the first measured step (1,000 sessions) to the last, as the goal states it. */
function growth(points: MemoryPoint[]): string {
  const first = points[1];
  const last = points.at(-1);
  if (!first || !last || first === last) return '–';
  const ratio = last.rssMb / first.rssMb;
  return `${ratio.toFixed(2)}x (${sessions(last)} ÷ ${sessions(first)} sessions; goal at most 1.10x: ${ratio <= 1.1 ? 'holds' : 'does not hold'})`;
}

/** Where one process's RSS was at one step: V8's spaces, memory V8 reports outside its heap, and the rest. */
function breakdownRow(name: string, point: MemoryPoint): string {
  const space = (key: string) => point.heapSpacesMb[key];
  const old = space('old_space');
  const outside = point.rssMb - point.heapTotalMb - point.externalMb;
  return `| ${name} | ${sessions(point)} | ${mb(point.rssMb)} | ${mb(point.heapTotalMb)} | ${mb(point.heapUsedMb)} | ${mb(old?.used)} / ${mb(old?.committed)} | ${mb(space('new_space')?.committed)} | ${mb(space('large_object_space')?.used)} | ${mb(space('code_space')?.committed)} | ${mb(point.externalMb)} | ${mb(outside)} |`;
}

export function memorySection(memory: MemoryResults | undefined): string[] {
  if (!memory) return [];
  const lines = [
    '## 3. Memory versus sessions (one replica)',
    '',
    `${memory.request}; ${memory.method}.`,
    '',
    '| sessions | shopgraph, one request each: RSS MB | shopgraph, two requests each: RSS MB | stateful shopgraph RSS MB | RSS saved (one / two requests) | express + MemoryStore RSS MB |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const saved = (ours: MemoryPoint | undefined, theirs: MemoryPoint | undefined) => (ours && theirs ? percent(1 - ours.rssMb / theirs.rssMb) : '–');
  memory.shopgraph.forEach((once, i) => {
    const twice = memory.shopgraphReturning[i];
    const stateful = memory.statefulShopgraph[i];
    lines.push(
      `| ${sessions(once)} | ${mb(once.rssMb)} | ${mb(twice?.rssMb)} | ${mb(stateful?.rssMb)} | ${saved(once, stateful)} / ${saved(twice, stateful)} | ${mb(memory.inMemoryBaseline[i]?.rssMb)} |`,
    );
  });
  const last = memory.shopgraphReturning.at(-1);
  const statefulLast = memory.statefulShopgraph.at(-1);
  // From which measured step on shopgraph stays below the stateful design: the stateful one grows
  // with every session it keeps, the stateless one stops where its caches do.
  const below = memory.shopgraphReturning.map((ours, i) => ours.sessions > 0 && memory.statefulShopgraph[i] !== undefined && ours.rssMb < memory.statefulShopgraph[i].rssMb);
  const crossingIndex = below.findIndex((_, i) => below.slice(i).every(Boolean));
  const crossing = crossingIndex >= 0 ? memory.shopgraphReturning[crossingIndex] : undefined;
  lines.push(
    '',
    `Saving at the last step against stateful shopgraph, with sessions that come back (the harder case): ${saved(last, statefulLast)} (goal: at least 40%: ${last && statefulLast && 1 - last.rssMb / statefulLast.rssMb >= 0.4 ? 'holds' : 'does not hold'}). It uses less from ${crossing ? `${sessions(crossing)} sessions on` : 'no measured step on (not yet at the last)'}.`,
    `RSS growth, one request a session: ${growth(memory.shopgraph)}.`,
    `RSS growth, two requests a session: ${growth(memory.shopgraphReturning)}. The gateway's per-session caches (decoded tokens, signed contexts) keep a session from its second request on and hold at most ${cacheBudgetMb} MB of entries between them, about 30,000 sessions each; past that this series should grow no more.`,
    '',
    'Where RSS was at the last step (MB; "outside" is RSS less V8\'s committed heap and external memory: code, thread stacks, the allocator):',
    '',
    '| series | sessions | RSS | heap committed | heap used | old space used / committed | new space | large objects | code | external | outside |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const [name, points] of [
    ['shopgraph, one request each', memory.shopgraph],
    ['shopgraph, two requests each', memory.shopgraphReturning],
    ['stateful shopgraph', memory.statefulShopgraph],
    ['express + MemoryStore', memory.inMemoryBaseline],
  ] as const) {
    const first = points[1];
    const last = points.at(-1);
    if (first) lines.push(breakdownRow(name, first));
    if (last && last !== first) lines.push(breakdownRow(name, last));
  }
  lines.push('', '![memory](memory.svg)');
  return lines;
}

export function memoryChart(memory: MemoryResults): string {
  const line = (points: MemoryPoint[]) => points.filter((p) => p.sessions > 0).map((p): [number, number] => [p.sessions, p.rssMb]);
  return lineChart({
    title: 'RSS after GC versus distinct sessions, one replica',
    unit: 'MB',
    xLabel: 'sessions (log scale)',
    logX: true,
    series: [
      { name: 'shopgraph, 1 request each', points: line(memory.shopgraph) },
      { name: 'shopgraph, 2 requests each', points: line(memory.shopgraphReturning) },
      { name: 'stateful shopgraph', points: line(memory.statefulShopgraph) },
      { name: 'express + MemoryStore', points: line(memory.inMemoryBaseline) },
    ],
  });
}
