import type { Spread } from './stats.js';

/** A figure for a report table: `digits` decimals, or a dash when there is none to show. */
export const fixed = (value: number | undefined, digits = 0) => (value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '–');

/** A ratio as a percentage with one decimal, or a dash. */
export const percent = (value: number) => (Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : '–');

/** A spread as `median (min–max)`, each with `digits` decimals; a dash when there is none. */
export const spread = ({ min, median, max }: Spread, digits = 0) => (Number.isFinite(median) ? `${fixed(median, digits)} (${fixed(min, digits)}–${fixed(max, digits)})` : '–');

/** A spread of ratios as `1.54x (1.49–1.60x)`; a dash when there is none. */
export const ratioSpread = ({ min, median, max }: Spread) => (Number.isFinite(median) ? `${median.toFixed(2)}x (${min.toFixed(2)}–${max.toFixed(2)}x)` : '–');

/** A spread of shares as `6.7% (-2.1% to 9.0%)` (shares can be negative, so no dash between); a dash when there is none. */
export const percentSpread = ({ min, median, max }: Spread) => (Number.isFinite(median) ? `${percent(median)} (${percent(min)} to ${percent(max)})` : '–');
