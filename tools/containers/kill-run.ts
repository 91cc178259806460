import { setTimeout as sleep } from 'node:timers/promises';
import { onRunClock, type ChurnFailure } from '../bench/gateway/churn-failures.js';
import { runChurnUser, type FailedAnswer, type UserTally } from '../bench/gateway/churn-user.js';
import type { ComposeStack } from './compose-stack.js';
import type { Engine } from './engine.js';
import { loggedSubgraphFetchFailures, type SubgraphFetchFailure } from './gateway-warnings.js';
import { proxyRotation } from './proxy-rotation.js';
import { containerState } from './wait-for.js';

/** What the shoppers saw while containers were stopped, killed and restarted under them. */
export interface KillRunResult {
  users: number;
  requests: number;
  failed: number;
  sessionsLost: number;
  linesLost: number;
  linesDoubled: number;
  seconds: number;
  events: { atSeconds: number; action: string }[];
  /** False when the load's allowance ran out before every step of the schedule had been taken. */
  scheduleCompleted: boolean;
  /** Each failed request: when it was sent and failed, in seconds from the start (for lining up with `events`), and what failed. */
  failures: ChurnFailure[];
  /** When requests failed: the subgraph fetches the gateways logged as failed meanwhile, which say why. */
  subgraphFetchFailures: SubgraphFetchFailure[];
  /** Why a step of the schedule failed; the shoppers' counts are reported all the same. */
  scheduleError?: string;
}

export interface KillRunOptions {
  engine: Engine;
  stack: ComposeStack;
  /** HAProxy's GraphQL URL on the host. */
  url: string;
  users: number;
  loadSeconds: number;
  log: (message: string) => void;
}

/** Demo-seed variants the shoppers add, one after another. */
const VARIANTS = Array.from({ length: 12 }, (_, index) => `var_${String(index + 1).padStart(5, '0')}_1`);
/** Sign-ups are spaced: a password hash takes a core for a while, and the machine has two. */
const SIGN_UP_SPACING_MS = 400;
/** The load runs this long before the first step, so a failure shows against a clean start. */
const FIRST_STEP_AFTER_MS = 3_000;
/** After the last step the shoppers go on this long, so its aftermath is measured too. */
const SETTLE_MS = 5_000;
/** However slow the steps, the load stops this long after its planned end (the run then fails). */
const SCHEDULE_ALLOWANCE_MS = 180_000;

/**
 * Signed-in shoppers add to and read their carts through HAProxy (each request on any
 * replica) while the schedule, one step after another: `stop -t 15` one gateway (SIGTERM)
 * and start it again; once it is back, `kill` the other (SIGKILL; its restart policy or a
 * start brings it back); once that one is back, `restart` the cart subgraph. The counts are
 * the shoppers' own (tools/bench/gateway/churn-user.ts): failed requests, sessions lost,
 * lines lost or doubled.
 */
export async function runKillUnderLoad({ engine, stack, url, users, loadSeconds, log }: KillRunOptions): Promise<KillRunResult> {
  const run = Date.now().toString(36);
  let started = Date.now();
  let allSignedUp: (until: number) => void = () => undefined;
  const shopUntil = new Promise<number>((resolve) => (allSignedUp = resolve));
  let signedUp = 0;
  const onSignedUp = () => {
    if (++signedUp !== users) return;
    started = Date.now();
    allSignedUp(started + loadSeconds * 1000 + SCHEDULE_ALLOWANCE_MS);
  };
  // The shoppers go on for at least loadSeconds, and until the schedule's last step has settled.
  let scheduleDoneAt: number | undefined;
  const keepShopping = () => scheduleDoneAt === undefined || Date.now() < Math.max(started + loadSeconds * 1000, scheduleDoneAt + SETTLE_MS);
  const events: KillRunResult['events'] = [];
  const at = () => (Date.now() - started) / 1000;
  const failures: ChurnFailure[] = [];
  const onAnswer = (ok: boolean, failure?: FailedAnswer) => {
    if (!ok && failure) failures.push(onRunClock(failure, started));
  };
  const shoppers = Promise.all(
    Array.from({ length: users }, async (_, index): Promise<UserTally> => {
      await sleep(index * SIGN_UP_SPACING_MS);
      return runChurnUser({ url, email: `kill-${run}-${index}@containers.example`, variantIds: VARIANTS, shopUntil, startAfterMs: index * 100, onSignedUp, onAnswer, keepShopping });
    }),
  );
  const step = (action: string) => {
    events.push({ atSeconds: at(), action });
    log(`${at().toFixed(1)} s: ${action}`);
  };
  const rotation = proxyRotation(engine, stack);
  /** Back means healthy in its container and sent the shoppers' requests by HAProxy again. */
  const backInRotation = async (service: string, baseline: number) => {
    await stack.awaitService(service);
    await rotation.waitServed(service, baseline);
    step(`${service} back in HAProxy's rotation`);
  };
  const schedule = (async () => {
    await shopUntil;
    await sleep(FIRST_STEP_AFTER_MS);
    const first = stack.containerOf('gateway-1');
    step(`${engine.kind} stop -t 15 gateway-1 (SIGTERM)`);
    await engine.runChecked(['stop', '-t', '15', first], { timeoutMs: 60_000 });
    step('start gateway-1');
    await engine.runChecked(['start', first], { timeoutMs: 60_000 });
    await backInRotation('gateway-1', await rotation.served('gateway-1'));

    const second = stack.containerOf('gateway-2');
    step(`${engine.kind} kill gateway-2 (SIGKILL)`);
    await engine.runChecked(['kill', second], { timeoutMs: 60_000 });
    // Counted once it is dead: anything logged for it from here on is the new process's.
    const baseline = await rotation.served('gateway-2');
    // Its restart policy (unless-stopped) brings it back; where the engine does not, a start does.
    await sleep(3_000);
    if (!(await containerState(engine, second)).running) {
      step('start gateway-2 (the restart policy had not)');
      await engine.runChecked(['start', second], { timeoutMs: 60_000 });
    }
    await backInRotation('gateway-2', baseline);

    step(`${engine.kind} restart -t 15 cart (SIGTERM, then start)`);
    await engine.runChecked(['restart', '-t', '15', stack.containerOf('cart')], { timeoutMs: 60_000 });
    await stack.awaitService('cart');
    step('cart healthy again');
    scheduleDoneAt = Date.now();
  })();
  // A failed step still lets the shoppers finish, so their counts are reported with the failure.
  const [tallies, scheduled] = await Promise.all([
    shoppers,
    schedule.then(
      () => undefined,
      (error: unknown) => {
        scheduleDoneAt = Date.now();
        return error as Error;
      },
    ),
  ]);
  // Read before the containers go: the gateways' logs are all that says which subgraph failed and how.
  const subgraphFetchFailures = failures.length > 0 ? await loggedSubgraphFetchFailures(engine, stack, ['gateway-1', 'gateway-2'], started).catch(() => []) : [];
  const sum = (pick: (tally: UserTally) => number) => tallies.reduce((total, tally) => total + pick(tally), 0);
  return {
    users,
    requests: sum((tally) => tally.requests),
    failed: sum((tally) => tally.failed),
    sessionsLost: sum((tally) => (tally.sessionLost ? 1 : 0)),
    linesLost: sum((tally) => tally.linesLost),
    linesDoubled: sum((tally) => tally.linesDoubled),
    seconds: at(),
    events,
    failures,
    subgraphFetchFailures,
    scheduleCompleted: !scheduled && scheduleDoneAt !== undefined && scheduleDoneAt - started <= loadSeconds * 1000 + SCHEDULE_ALLOWANCE_MS,
    ...(scheduled ? { scheduleError: scheduled.message } : {}),
  };
}
