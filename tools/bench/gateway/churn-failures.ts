import type { FailedAnswer } from './churn-user.js';

/** What happened to a replica during a churn run, in seconds from the start of the run's clock. */
export interface ChurnEvent {
  atSeconds: number;
  /** `start`: asked to start; `ready`: answering /ready; `sigterm`: asked to stop; `exited`: stopped after it; `sigkill`: killed outright. */
  kind: 'start' | 'ready' | 'sigterm' | 'exited' | 'sigkill';
  /** The replica's process name (gateway-2, baseline-2). */
  replica: string;
  /** The event as the schedule and the chart show it. */
  action: string;
}

/** One request a churn user saw fail. */
export interface ChurnFailure {
  /** When it was sent and when it failed, in seconds from the start of the run's clock. */
  sentAtSeconds: number;
  failedAtSeconds: number;
  operation: string;
  /** `HTTP 200, SERVICE_UNAVAILABLE`, `HTTP 503, not JSON`, or the network error when no answer came. */
  error: string;
  /** The replica whose answer it was (haproxy's x-bench-replica); absent when no answer came, or haproxy answered itself. */
  replica?: string;
}

/**
 * A failed answer on the run's clock: seconds from `started`, the run's zero. The replica is
 * the proxy's name for it unless the caller names it otherwise (a process name).
 */
export function onRunClock({ operation, sentAt, failedAt, error, replica: named }: FailedAnswer, started: number, replica = named): ChurnFailure {
  return { sentAtSeconds: (sentAt - started) / 1000, failedAtSeconds: (failedAt - started) / 1000, operation, error, ...(replica !== undefined ? { replica } : {}) };
}

/** Events during which a request in flight can fail because its replica goes away. */
const LEAVING: readonly ChurnEvent['kind'][] = ['sigterm', 'exited', 'sigkill'];
/** More rows than this and the table stops being read; results.json keeps every failure. */
const MAX_ROWS = 12;

const WHAT: Record<ChurnEvent['kind'], string> = {
  start: 'was started',
  ready: 'was ready',
  sigterm: 'was sent SIGTERM',
  exited: 'exited',
  sigkill: 'was killed',
};
const describeEvent = (event: ChurnEvent) => `${event.replica} ${WHAT[event.kind]}`;

const seconds = (value: number) => `${value.toFixed(1)} s`;

/**
 * The replicas that went away while the request was in flight. By time alone: the client sees
 * only the replica that answered, not one haproxy tried first and retried from, so which
 * replica it was on is left to the "answered by" column.
 */
function leftWhileInFlight(failure: ChurnFailure, events: readonly ChurnEvent[]): ChurnEvent[] {
  return events.filter((event) => LEAVING.includes(event.kind) && event.atSeconds >= failure.sentAtSeconds && event.atSeconds <= failure.failedAtSeconds);
}

/**
 * Where a failure stands against the schedule: in flight while a replica went away, or how
 * long after the last event before it was sent.
 */
export function placeFailure(failure: ChurnFailure, events: readonly ChurnEvent[]): string {
  const during = leftWhileInFlight(failure, events);
  if (during.length > 0) return `in flight when ${during.map(describeEvent).join(' and ')}`;
  const before = events.filter((event) => event.atSeconds <= failure.sentAtSeconds).at(-1);
  if (!before) return 'sent before the first event';
  return `sent ${seconds(failure.sentAtSeconds - before.atSeconds)} after ${describeEvent(before)}`;
}

/** The failed requests of one run against its events, for the report: a sentence and a short table. */
export function failuresTable(title: string, requests: number, failures: readonly ChurnFailure[], events: readonly ChurnEvent[]): string[] {
  if (failures.length === 0) return [`${title}: no request failed.`];
  const inFlight = failures.filter((failure) => leftWhileInFlight(failure, events).length > 0).length;
  const shown = [...failures].sort((a, b) => a.failedAtSeconds - b.failedAtSeconds).slice(0, MAX_ROWS);
  return [
    `${title}: ${failures.length} of ${requests.toLocaleString('en-US')} requests failed; ${inFlight} of them in flight when a replica was sent SIGTERM, exited or was killed.`,
    '',
    '| sent | failed | operation | error | answered by | against the schedule |',
    '| ---: | ---: | --- | --- | --- | --- |',
    ...shown.map(
      (failure) =>
        `| ${seconds(failure.sentAtSeconds)} | ${seconds(failure.failedAtSeconds)} | ${failure.operation} | ${failure.error.replace(/\|/g, '\\|')} | ${failure.replica ?? '–'} | ${placeFailure(failure, events)} |`,
    ),
    ...(failures.length > shown.length ? ['', `The first ${shown.length} shown; results.json has all ${failures.length}.`] : []),
  ];
}
