import { setTimeout as sleep } from 'node:timers/promises';
import type { Engine } from './engine.js';
import { lastLines } from './run-command.js';

const POLL_MS = 1_000;
const LOG_LINES = 20;

/** A service's container state, as `inspect` tells it. */
export async function containerState(engine: Engine, container: string): Promise<{ status: string; exitCode: number; running: boolean }> {
  const inspect = await engine.run(['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}} {{.State.Running}}', container], { timeoutMs: 30_000 });
  const [status = 'missing', exitCode = '-1', running = 'false'] = inspect.code === 0 ? inspect.stdout.trim().split(' ') : [];
  return { status, exitCode: Number(exitCode), running: running === 'true' };
}

/** The last lines of a container's log, for an error message. */
export async function logTail(engine: Engine, container: string, lines = LOG_LINES): Promise<string> {
  const logs = await engine.run(['logs', '--tail', String(lines), container], { timeoutMs: 30_000 });
  return lastLines(`${logs.stdout}\n${logs.stderr}`, lines) || '    (no log lines)';
}

/**
 * Runs the service's own health check inside its container until it passes, as compose's
 * `service_healthy` would; after `timeoutMs` throws an error naming the service, its state and
 * the last lines of its log.
 */
export async function waitHealthy(engine: Engine, { service, container, check, timeoutMs }: { service: string; container: string; check: readonly string[]; timeoutMs: number }): Promise<number> {
  const started = Date.now();
  for (;;) {
    const result = await engine.run(['exec', container, ...check], { timeoutMs: 10_000 });
    if (result.code === 0) return (Date.now() - started) / 1000;
    if (Date.now() - started > timeoutMs) {
      const state = await containerState(engine, container);
      throw new Error(`${service} never turned healthy within ${Math.round(timeoutMs / 1000)} s (container ${state.status}, exit code ${state.exitCode}); the last lines of its log:\n${await logTail(engine, container)}`);
    }
    await sleep(POLL_MS);
  }
}

/** Waits for a one-shot service to exit 0, as compose's `service_completed_successfully`; any other exit, or none in time, throws with its log. */
export async function waitCompleted(engine: Engine, { service, container, timeoutMs }: { service: string; container: string; timeoutMs: number }): Promise<number> {
  const started = Date.now();
  for (;;) {
    const state = await containerState(engine, container);
    if (state.status === 'exited' || state.status === 'stopped') {
      if (state.exitCode === 0) return (Date.now() - started) / 1000;
      throw new Error(`${service} exited ${state.exitCode}; the last lines of its log:\n${await logTail(engine, container)}`);
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${service} did not finish within ${Math.round(timeoutMs / 1000)} s (container ${state.status}); the last lines of its log:\n${await logTail(engine, container)}`);
    await sleep(POLL_MS);
  }
}

/** Waits until `url` answers 200 from the host (the proxy's published port), or throws after `timeoutMs`. */
export async function waitHttpOk(url: string, what: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let last = 'no answer';
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return (Date.now() - started) / 1000;
      last = `status ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${what} did not answer 200 at ${url} within ${Math.round(timeoutMs / 1000)} s (last: ${last})`);
    await sleep(POLL_MS);
  }
}

/** What the warm-up sends: a public read, then a first session's write (cart, checkout's stock, a new cart item). */
const WARM_UP_STEPS = [
  { what: 'catalog read', query: '{ products(first: 3) { totalCount } }' },
  { what: 'cart add', query: 'mutation { addToCart(variantId: "var_00001_1", quantity: 1) { cart { totalQuantity } errors { code } } }' },
];

/**
 * Sends each warm-up step through the proxy until one is answered without errors, each as a
 * new shopper (no cookie: the add starts a session and a cart nobody reads again), and returns
 * how many attempts each took. The first requests after a start run every cold path at once
 * (the gateway's plan cache, catalog's index, each service's first DynamoDB calls, DynamoDB
 * Local's JIT); on two busy cores they can pass a deadline, which is a cold start, not what the
 * checks after it test. Every failed attempt is logged, so a warm-up that hid a fault shows it.
 */
export async function warmUp(url: string, timeoutMs: number, log: (message: string) => void): Promise<Record<string, number>> {
  const attempts: Record<string, number> = {};
  for (const { what, query } of WARM_UP_STEPS) {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      let last = '';
      try {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), signal: AbortSignal.timeout(15_000) });
        const body = (await response.json()) as { data?: Record<string, { errors?: unknown[] }>; errors?: unknown[] };
        const errors = [...(body.errors ?? []), ...Object.values(body.data ?? {}).flatMap((field) => field?.errors ?? [])];
        if (response.ok && errors.length === 0) {
          attempts[what] = attempt;
          break;
        }
        last = `${response.status} ${JSON.stringify(errors)}`;
      } catch (error) {
        last = (error as Error).message;
      }
      log(`warm-up: ${what} attempt ${attempt} failed: ${last.slice(0, 300)}`);
      if (Date.now() - started > timeoutMs) throw new Error(`the first ${what} through ${url} was not answered within ${Math.round(timeoutMs / 1000)} s (last: ${last.slice(0, 300)})`);
      await sleep(POLL_MS);
    }
  }
  return attempts;
}
