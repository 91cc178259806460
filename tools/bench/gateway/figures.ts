/** A figure for a report table: `digits` decimals, or a dash when there is none to show. */
export const fixed = (value: number | undefined, digits = 0) => (value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '–');

/** A ratio as a percentage with one decimal, or a dash. */
export const percent = (value: number) => (Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : '–');
