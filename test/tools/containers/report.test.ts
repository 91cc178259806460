import { describe, expect, it } from 'vitest';
import { failureSpans, formatReport, judge, type RunFigures } from '../../../tools/containers/report.js';

const image = { image: 'shopgraph-gateway', bytes: 240_000_000, user: 'node', uid: 1000, devPackages: [], healthCheckPassed: true, healthCheck: 'node -e fetch(…/health)' };
const clean: RunFigures = {
  engine: 'podman',
  baseImages: [{ ref: 'docker.io/library/node:22-bookworm-slim', source: 'stand-in (cached)', seconds: 1 }],
  builds: [{ target: 'gateway', image: 'shopgraph-gateway', seconds: 200 }],
  stackUpSeconds: 60,
  bootstrapSeconds: 20,
  order: { orderId: 'ord_1', status: 'PAID' },
  rejoin: { addressBefore: '10.89.0.8', addressAfter: '10.89.0.12', servedAfter: 10, requests: 20 },
  kill: { users: 6, requests: 900, failed: 0, sessionsLost: 0, linesLost: 0, linesDoubled: 0, seconds: 40, events: [{ atSeconds: 3, action: 'podman stop -t 15 gateway-1 (SIGTERM)' }], failures: [], subgraphFetchFailures: [], scheduleCompleted: true },
  images: [image],
  stops: [{ service: 'gateway-1', seconds: 1.2, exitCode: 0 }],
  totalSeconds: 600,
};

describe('judge', () => {
  it('passes a clean run (the control for every case below)', () => {
    expect(judge(clean)).toEqual({ failures: [], notes: [] });
  });

  it('fails each broken promise of an image', () => {
    expect(judge({ ...clean, images: [{ ...image, user: '', uid: 0 }] }).failures).toEqual(['shopgraph-gateway runs as root (USER "", uid 0)']);
    expect(judge({ ...clean, images: [{ ...image, devPackages: ['/app/node_modules/tsx'] }] }).failures).toEqual(['shopgraph-gateway carries development packages: /app/node_modules/tsx']);
    expect(judge({ ...clean, images: [{ ...image, healthCheckPassed: false }] }).failures[0]).toMatch(/HEALTHCHECK .* did not pass/);
  });

  it('fails a stop that needed SIGKILL or the whole grace period', () => {
    expect(judge({ ...clean, stops: [{ service: 'cart', seconds: 15.2, exitCode: 137 }] }).failures).toEqual(['cart did not stop on SIGTERM within 15 s (15.2 s, exit 137)']);
    expect(judge({ ...clean, stops: [{ service: 'cart', seconds: 14.9, exitCode: 143 }] }).failures).toEqual([]);
  });

  it('fails the kill run on any lost session, lost or doubled line, or a step not taken', () => {
    const kill = clean.kill!;
    expect(judge({ ...clean, kill: { ...kill, failed: 2, sessionsLost: 1, linesLost: 3, linesDoubled: 1 } }).failures).toEqual([
      'kill under load: 1 sessions lost',
      'kill under load: 3 cart lines lost',
      'kill under load: 1 cart lines doubled',
    ]);
    expect(judge({ ...clean, kill: { ...kill, scheduleCompleted: false } }).failures).toEqual(['kill under load: the steps outlasted the load (its allowance is 180 s past --load-seconds)']);
    expect(judge({ ...clean, kill: { ...kill, scheduleCompleted: false, scheduleError: 'cart never turned healthy' } }).failures).toEqual(['kill under load: a step failed: cart never turned healthy']);
  });

  const failedRead = (sentAtSeconds: number, failedAtSeconds: number, error = 'HTTP 503, not JSON') => ({ sentAtSeconds, failedAtSeconds, operation: 'ChurnRead', error });

  it('notes failed requests of the kill run with when they happened and what failed, without failing the run', () => {
    const kill = { ...clean.kill!, failed: 3, failures: [failedRead(36.2, 36.3, 'fetch failed'), failedRead(30.3, 30.4), failedRead(30.9, 31)] };
    expect(judge({ ...clean, kill })).toEqual({
      failures: [],
      notes: ['kill under load: 3 of 900 requests failed (goal 0): 2 between 30.4 s and 31.0 s, 1 between 36.3 s and 36.3 s; 2 × HTTP 503, not JSON; 1 × fetch failed'],
    });
  });

  it('lists each failed request of the kill run, in order, with its operation, error and replica, and counts past ten', () => {
    const kill = { ...clean.kill!, failed: 2, failures: [failedRead(36.2, 36.3, 'fetch failed'), { ...failedRead(13.2, 13.9, 'HTTP 502, not JSON'), replica: 'gateway-2' }] };
    expect(formatReport({ ...clean, kill }).filter((line) => line.startsWith('  failed:'))).toEqual([
      '  failed: ChurnRead sent at 13.2 s, failed at 13.9 s: HTTP 502, not JSON (answered by gateway-2)',
      '  failed: ChurnRead sent at 36.2 s, failed at 36.3 s: fetch failed',
    ]);
    const logged = { ...kill, subgraphFetchFailures: [{ atSeconds: 13.8, gateway: 'gateway-1', subgraph: 'cart', reason: 'TypeError UND_ERR_SOCKET' }] };
    expect(formatReport({ ...clean, kill: logged })).toContain('  gateway-1 logged at 13.8 s: cart did not answer (TypeError UND_ERR_SOCKET)');
    const many = { ...clean.kill!, failed: 12, failures: Array.from({ length: 12 }, (_, index) => failedRead(index, index + 0.5)) };
    const listed = formatReport({ ...clean, kill: many }).filter((line) => line.startsWith('  failed:'));
    expect(listed).toHaveLength(11);
    expect(listed.at(-1)).toBe('  failed: 2 more, 12 × HTTP 503, not JSON');
  });

  it('fails a replica that came back and got no traffic, and notes one that came back on its old address', () => {
    expect(judge({ ...clean, rejoin: { ...clean.rejoin!, servedAfter: 0 } }).failures[0]).toMatch(/served none of 20 requests/);
    expect(judge({ ...clean, rejoin: { ...clean.rejoin!, addressAfter: '10.89.0.8' } }).notes[0]).toMatch(/same address/);
  });

  it('notes an image over the size goal without failing the run', () => {
    expect(judge({ ...clean, images: [{ ...image, bytes: 251_000_000 }] })).toEqual({ failures: [], notes: ['shopgraph-gateway is 251 MB, over the 250 MB goal'] });
  });
});

describe('formatReport', () => {
  it('prints every figure the docs quote', () => {
    const text = formatReport(clean).join('\n');
    expect(text).toContain('images built in 200 s: gateway 200 s');
    expect(text).toContain('shopgraph-gateway: 240 MB, user node (uid 1000), dev packages none, HEALTHCHECK healthy');
    expect(text).toContain('kill under load: 6 users, 900 requests in 40 s: 0 failed, 0 sessions lost, 0 lines lost, 0 doubled');
    expect(text).toContain('stop -t 15: gateway-1 1.2 s (exit 0)');
    expect(text).toContain('rejoin: gateway-1 10.89.0.8 -> 10.89.0.12, served 10 of 20 requests after its restart');
    expect(text).toContain('total 600 s');
  });
});

describe('failureSpans', () => {
  it('groups failures that come close together, in time order', () => {
    expect(failureSpans([34.2, 3.1, 35.0, 3.5, 38.9])).toEqual([
      { from: 3.1, to: 3.5, count: 2 },
      { from: 34.2, to: 35.0, count: 2 },
      { from: 38.9, to: 38.9, count: 1 },
    ]);
    expect(failureSpans([])).toEqual([]);
  });
});
