/** The middle value (the upper middle of an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

/** How far a figure moved between rounds: the lowest, the median and the highest round. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** The spread of the finite values; NaN throughout for none. */
export function spreadOf(values: readonly number[]): Spread {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { min: Number.NaN, median: Number.NaN, max: Number.NaN };
  return { min: Math.min(...finite), median: median(finite), max: Math.max(...finite) };
}
