/** Small SVG charts drawn by hand, so the report needs no chart library. */
const COLOURS = ['#2f6fdf', '#e0822f', '#3a9a4a', '#9b59b6', '#7f8c8d', '#c0392b'];
const WIDTH = 760;
const HEIGHT = 320;
const MARGIN = { top: 40, right: 20, bottom: 70, left: 70 };
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const label = (x: number, y: number, text: string, extra = '', size = 11) => `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size}" font-family="sans-serif" ${extra}>${escape(text)}</text>`;

/** Roughly the width of `text` at 11 px sans-serif: enough to lay the legend out without measuring. */
const textWidth = (text: string) => text.length * 6.2;

/** The legend flows left to right and wraps onto further rows, which make the chart taller. */
function frame(title: string, body: string[], legend: string[]): string {
  let x = MARGIN.left;
  let row = 0;
  const items = legend.map((name, i) => {
    const width = 14 + textWidth(name) + 16;
    if (x + width > WIDTH - MARGIN.right && x > MARGIN.left) {
      x = MARGIN.left;
      row += 1;
    }
    const y = HEIGHT - 22 + row * 16;
    const item = `<rect x="${x.toFixed(1)}" y="${y}" width="10" height="10" fill="${COLOURS[i % COLOURS.length]}"/>${label(x + 14, y + 9, name)}`;
    x += width;
    return item;
  });
  const height = HEIGHT + row * 16;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    label(MARGIN.left, 22, title, 'font-weight="bold"', 14),
    ...body,
    ...items,
    '</svg>',
    '',
  ].join('\n');
}

function axis(max: number, unit: string): { scale: (value: number) => number; lines: string[] } {
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const top = max > 0 ? niceCeil(max) : 1;
  const scale = (value: number) => MARGIN.top + plotHeight - (Math.max(0, value) / top) * plotHeight;
  const lines: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const value = (top * i) / 4;
    const y = scale(value);
    lines.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#ddd"/>`);
    lines.push(label(MARGIN.left - 6, y + 4, `${formatNumber(value)}`, 'text-anchor="end"'));
  }
  lines.push(label(14, MARGIN.top - 10, unit));
  return { scale, lines };
}

/**
 * Grouped bars: one group per category, one bar per series; NaN bars are left out. A group's
 * `ranges`, one per value, draw a whisker from `min` to `max` over its bar (the rounds' spread).
 */
export function barChart({
  title,
  unit,
  groups,
  series,
}: {
  title: string;
  unit: string;
  groups: { label: string; values: number[]; ranges?: { min: number; max: number }[] }[];
  series: string[];
}): string {
  const max = Math.max(0, ...groups.flatMap((group) => [...group.values, ...(group.ranges ?? []).map((range) => range.max)].filter(Number.isFinite)));
  const { scale, lines } = axis(max, unit);
  const groupWidth = (WIDTH - MARGIN.left - MARGIN.right) / Math.max(1, groups.length);
  const barWidth = (groupWidth * 0.8) / Math.max(1, series.length);
  const bars = groups.flatMap((group, g) => {
    const x0 = MARGIN.left + g * groupWidth + groupWidth * 0.1;
    return [
      ...group.values.map((value, s) => {
        if (!Number.isFinite(value)) return '';
        const range = group.ranges?.[s];
        const spread = range && Number.isFinite(range.min) && Number.isFinite(range.max) ? ` (${formatNumber(range.min)}–${formatNumber(range.max)})` : '';
        const bar = `<rect x="${(x0 + s * barWidth).toFixed(1)}" y="${scale(value).toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${(scale(0) - scale(value)).toFixed(1)}" fill="${COLOURS[s % COLOURS.length]}"><title>${escape(`${series[s]}: ${formatNumber(value)}${spread} ${unit}`)}</title></rect>`;
        return spread && range ? `${bar}${whisker(x0 + s * barWidth + (barWidth - 2) / 2, scale(range.min), scale(range.max), barWidth / 4)}` : bar;
      }),
      label(x0 + (groupWidth * 0.8) / 2, HEIGHT - MARGIN.bottom + 16, group.label, 'text-anchor="middle"'),
    ];
  });
  return frame(title, [...lines, ...bars], series);
}

/** A vertical line from `yLow` to `yHigh` at `x`, capped at both ends. */
function whisker(x: number, yLow: number, yHigh: number, cap: number): string {
  const line = (x1: number, y1: number, x2: number, y2: number) => `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="#333" stroke-width="1"/>`;
  return [line(x, yLow, x, yHigh), line(x - cap, yLow, x + cap, yLow), line(x - cap, yHigh, x + cap, yHigh)].join('');
}

/** A line's points; `ranges`, one per point, draw a whisker from `min` to `max` through it (the rounds' spread). */
export interface LineSeries {
  name: string;
  points: [number, number][];
  ranges?: { min: number; max: number }[];
}

/**
 * Lines over a shared x axis (log scale when the x values span decades). Whiskers of different
 * series at the same x are drawn a few pixels apart, so that overlapping ranges stay readable.
 */
export function lineChart({ title, unit, xLabel, series, logX = false, markers = [] }: { title: string; unit: string; xLabel: string; series: LineSeries[]; logX?: boolean; markers?: { x: number; text: string }[] }): string {
  const xs = series.flatMap((line) => line.points.map(([x]) => x));
  const ys = series.flatMap((line) => [...line.points.map(([, y]) => y), ...(line.ranges ?? []).map((range) => range.max)].filter(Number.isFinite));
  const { scale, lines } = axis(Math.max(0, ...ys), unit);
  const toX = (value: number) => (logX ? Math.log10(Math.max(1, value)) : value);
  const minX = Math.min(...xs.map(toX));
  const maxX = Math.max(...xs.map(toX));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const scaleX = (value: number) => MARGIN.left + ((toX(value) - minX) / Math.max(1e-9, maxX - minX)) * plotWidth;
  const paths = series.map((line, s) => {
    const colour = COLOURS[s % COLOURS.length];
    const d = line.points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${scaleX(x).toFixed(1)},${scale(y).toFixed(1)}`).join(' ');
    const dots = line.points.map(([x, y], i) => {
      const range = line.ranges?.[i];
      const spread = range && Number.isFinite(range.min) && Number.isFinite(range.max) ? ` (${formatNumber(range.min)}–${formatNumber(range.max)})` : '';
      const dot = `<circle cx="${scaleX(x).toFixed(1)}" cy="${scale(y).toFixed(1)}" r="3" fill="${colour}"><title>${escape(`${line.name}: ${formatNumber(y)}${spread} ${unit} at ${formatNumber(x)}`)}</title></circle>`;
      return spread && range ? `${whisker(scaleX(x) + (s - (series.length - 1) / 2) * 4, scale(range.min), scale(range.max), 3)}${dot}` : dot;
    });
    return [`<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`, ...dots].join('\n');
  });
  const ticks = [...new Set(xs)].map((x) => label(scaleX(x), HEIGHT - MARGIN.bottom + 16, formatNumber(x), 'text-anchor="middle"'));
  const marks = markers.map(
    (marker, i) =>
      `<line x1="${scaleX(marker.x).toFixed(1)}" x2="${scaleX(marker.x).toFixed(1)}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}" stroke="#c0392b" stroke-dasharray="4 3"/>${label(scaleX(marker.x) + 3, MARGIN.top + 12 + (i % 3) * 12, marker.text, 'fill="#c0392b"')}`,
  );
  return frame(title, [...lines, ...paths, ...ticks, ...marks, label(WIDTH / 2, HEIGHT - MARGIN.bottom + 34, xLabel, 'text-anchor="middle"')], series.map((line) => line.name));
}

function niceCeil(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

function formatNumber(value: number): string {
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
}
