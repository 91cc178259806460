import { describe, expect, it } from 'vitest';
import { failuresTable, onRunClock, placeFailure, type ChurnEvent, type ChurnFailure } from '../../../tools/bench/gateway/churn-failures.js';

/** The schedule of a short run: a fourth gateway comes up, one is stopped, one is killed. */
const EVENTS: ChurnEvent[] = [
  { atSeconds: 9, kind: 'start', replica: 'gateway-4', action: 'start gateway-4' },
  { atSeconds: 12.5, kind: 'ready', replica: 'gateway-4', action: 'gateway-4 ready' },
  { atSeconds: 21, kind: 'sigterm', replica: 'gateway-1', action: 'sigterm gateway-1' },
  { atSeconds: 22.2, kind: 'exited', replica: 'gateway-1', action: 'gateway-1 exited' },
  { atSeconds: 33, kind: 'sigkill', replica: 'gateway-2', action: 'sigkill gateway-2' },
];

const failure = (sentAtSeconds: number, failedAtSeconds: number, more: Partial<ChurnFailure> = {}): ChurnFailure => ({
  sentAtSeconds,
  failedAtSeconds,
  operation: 'ChurnAdd',
  error: 'HTTP 200, SERVICE_UNAVAILABLE',
  ...more,
});

describe('churn failures against the schedule', () => {
  it('when a failed answer is put on the run clock, then its times are seconds from the start and its replica the one named', () => {
    const answer = { operation: 'ChurnRead', sentAt: 1_013_200, failedAt: 1_013_900, error: 'HTTP 502, not JSON', replica: 'r2' };
    expect(onRunClock(answer, 1_000_000)).toEqual({ sentAtSeconds: 13.2, failedAtSeconds: 13.9, operation: 'ChurnRead', error: 'HTTP 502, not JSON', replica: 'r2' });
    expect(onRunClock(answer, 1_000_000, 'gateway-2').replica).toBe('gateway-2');
    expect(onRunClock({ ...answer, replica: undefined }, 1_000_000)).not.toHaveProperty('replica');
  });

  it('when a replica is killed while a request is in flight, then the failure is placed in flight at that kill', () => {
    expect(placeFailure(failure(32.9, 33.1, { error: 'fetch failed: UND_ERR_SOCKET other side closed' }), EVENTS)).toBe('in flight when gateway-2 was killed');
  });

  it('when a request is sent after the kill, then it is placed after it, not in flight (the control case)', () => {
    expect(placeFailure(failure(33.4, 38.4, { replica: 'gateway-3' }), EVENTS)).toBe('sent 0.4 s after gateway-2 was killed');
  });

  it('when a replica only starts during the flight, then the failure is placed after the last event before it was sent', () => {
    expect(placeFailure(failure(12, 17), EVENTS)).toBe('sent 3.0 s after gateway-4 was started');
  });

  it('when a request fails before any event, then it says so', () => {
    expect(placeFailure(failure(1, 6), EVENTS)).toBe('sent before the first event');
  });

  it('when a run has failures, then the table counts those in flight at a stop or kill and lists them in the order they failed', () => {
    const table = failuresTable('shopgraph', 2374, [failure(33.4, 38.4, { replica: 'gateway-3' }), failure(32.9, 33.1, { error: 'HTTP 503, not JSON' })], EVENTS);
    expect(table[0]).toBe('shopgraph: 2 of 2,374 requests failed; 1 of them in flight when a replica was sent SIGTERM, exited or was killed.');
    expect(table.slice(4)).toEqual([
      '| 32.9 s | 33.1 s | ChurnAdd | HTTP 503, not JSON | – | in flight when gateway-2 was killed |',
      '| 33.4 s | 38.4 s | ChurnAdd | HTTP 200, SERVICE_UNAVAILABLE | gateway-3 | sent 0.4 s after gateway-2 was killed |',
    ]);
  });

  it('when a run has no failures, then one line says so and no table is drawn', () => {
    expect(failuresTable('shopgraph', 2312, [], EVENTS)).toEqual(['shopgraph: no request failed.']);
  });

  it('when a run has more failures than a table is read for, then the rest are left to results.json', () => {
    const many = Array.from({ length: 20 }, (_, i) => failure(40 + i, 41 + i));
    const table = failuresTable('in-memory baseline', 46396, many, EVENTS);
    expect(table.filter((line) => line.startsWith('| 4') || line.startsWith('| 5'))).toHaveLength(12);
    expect(table.at(-1)).toBe('The first 12 shown; results.json has all 20.');
  });
});
