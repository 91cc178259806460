import { describe, expect, it } from 'vitest';
import { barChart } from '../../../tools/bench/gateway/svg-charts.js';

const heightOf = (svg: string) => Number(/<svg [^>]*height="(\d+)"/.exec(svg)?.[1]);
const legendRows = (svg: string) => new Set([...svg.matchAll(/<rect x="[\d.]+" y="(\d+)" width="10" height="10"/g)].map((match) => match[1])).size;

describe('the bench charts', () => {
  it('when the legend does not fit on one row, then it wraps onto more and the chart grows to hold them', () => {
    const series = ['shopgraph gateway (response cache off)', 'shopgraph, sessions off', 'shopgraph, public response cache on (default)', 'stock @apollo/gateway', 'Hive Gateway', 'subgraph alone (floor)'];
    const svg = barChart({ title: 'req/s', unit: 'req/s', groups: [{ label: 'browse', values: series.map((_, i) => 100 * (i + 1)) }], series });
    expect(legendRows(svg)).toBeGreaterThan(1);
    expect(heightOf(svg)).toBe(320 + (legendRows(svg) - 1) * 16);
  });

  it('when the legend fits on one row, then the chart keeps its height (the control case)', () => {
    const svg = barChart({ title: 'req/s', unit: 'req/s', groups: [{ label: 'browse', values: [1, 2] }], series: ['a', 'b'] });
    expect(legendRows(svg)).toBe(1);
    expect(heightOf(svg)).toBe(320);
  });
});
