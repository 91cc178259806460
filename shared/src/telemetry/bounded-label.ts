/**
 * Keeps a metric label's values few: the first `max` distinct values are kept, later ones
 * become `other`. Operation names come from clients, and every distinct value is a series
 * the metrics backend keeps forever.
 */
export function createBoundedLabel(max: number): (value: string | undefined | null) => string {
  const seen = new Set<string>();
  return (value) => {
    if (!value) return 'anonymous';
    if (seen.has(value)) return value;
    if (seen.size >= max || !/^[_A-Za-z][_0-9A-Za-z]{0,127}$/.test(value)) return 'other';
    seen.add(value);
    return value;
  };
}
