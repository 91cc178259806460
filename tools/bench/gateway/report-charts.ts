import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { designTitle } from './capacity.js';
import type { ChurnResults } from './churn.js';
import type { MemoryResults } from './memory.js';
import { memoryChart } from './memory-report.js';
import { spreadOf } from './stats.js';
import { barChart, lineChart } from './svg-charts.js';
import { TARGET_TITLES, TARGETS, type RoundFigures, type ThroughputCell } from './throughput.js';

/** What a run's results.json holds of the three sections: what the charts are drawn from. */
export interface ChartedResults {
  throughput: ThroughputCell[];
  memory?: MemoryResults | undefined;
  churn?: ChurnResults | undefined;
}

/**
 * Writes the SVG charts of a run to `dir`: throughput.svg and cpu.svg (one bar per target at
 * the median of its rounds, a whisker from the lowest round to the highest), memory.svg, and
 * churn-<design>.svg for each churn run; a section not measured draws nothing.
 */
export async function writeCharts(dir: string, { throughput, memory, churn }: ChartedResults): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  const write = async (name: string, svg: string) => {
    await writeFile(join(dir, name), svg);
    written.push(name);
  };
  const workloads = [...new Set(throughput.map((c) => c.workload))];
  const perTarget = (pick: (round: RoundFigures) => number) =>
    workloads.map((workload) => {
      const spreads = TARGETS.map((target) => spreadOf(throughput.find((c) => c.workload === workload && c.target === target)?.rounds.map(pick) ?? []));
      return { label: workload, values: spreads.map((s) => s.median), ranges: spreads };
    });
  if (throughput.length > 0) {
    const series = TARGETS.map((target) => TARGET_TITLES[target]);
    await write('throughput.svg', barChart({ title: 'Throughput, req/s (median of the rounds; whiskers: lowest to highest round)', unit: 'req/s', groups: perTarget((r) => r.requestsPerSecond), series }));
    await write('cpu.svg', barChart({ title: 'CPU per request of the serving process (median; whiskers: lowest to highest round)', unit: 'ms', groups: perTarget((r) => r.cpuMsPerRequest), series }));
  }
  if (memory) await write('memory.svg', memoryChart(memory));
  for (const run of churn?.runs ?? []) {
    await write(
      `churn-${run.design}.svg`,
      lineChart({
        title: `Answers per second while replicas come and go: ${designTitle(run.design)}`,
        unit: 'answers/s',
        xLabel: 'seconds',
        series: [
          { name: 'right', points: run.timeline.map((second, i) => [i, second.ok]) },
          { name: 'failed', points: run.timeline.map((second, i) => [i, second.failed]) },
        ],
        markers: run.events.map((event) => ({ x: event.atSeconds, text: event.action })),
      }),
    );
  }
  return written;
}
