import type { ServiceMetrics } from '@shopgraph/shared/server';

/** A cache's hit-or-miss callback, counted under the cache's name. */
export function countCacheLookups(metrics: Pick<ServiceMetrics, 'cacheLookups'>, cache: string): (hit: boolean) => void {
  const hit = { cache, result: 'hit' };
  const miss = { cache, result: 'miss' };
  return (found) => metrics.cacheLookups.add(1, found ? hit : miss);
}
