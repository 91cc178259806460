import type { ComposeStack } from './compose-stack.js';
import type { Engine } from './engine.js';

/** The gateway's words when a subgraph fetch failed (signed-context-data-source.ts). */
const SUBGRAPH_DID_NOT_ANSWER = 'a subgraph did not answer';

/** One failed subgraph fetch a gateway logged, on the kill run's clock. */
export interface SubgraphFetchFailure {
  atSeconds: number;
  gateway: string;
  subgraph: string;
  /** `TypeError` (could not be reached) or `TimeoutError` (the deadline), and undici's code when there was one. */
  reason: string;
}

/**
 * The subgraph fetches a gateway logged as failed, from its JSON log lines, on the clock of a
 * run that started at `started` (epoch ms): lined up with the shoppers' failed requests, they
 * say which subgraph did not answer and how.
 */
export function subgraphFetchFailuresIn(log: string, gateway: string, started: number): SubgraphFetchFailure[] {
  const failures: SubgraphFetchFailure[] = [];
  for (const line of log.split('\n')) {
    if (!line.includes(SUBGRAPH_DID_NOT_ANSWER)) continue;
    let entry: { msg?: unknown; time?: unknown; subgraph?: unknown; reason?: unknown; cause?: unknown };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    if (entry.msg !== SUBGRAPH_DID_NOT_ANSWER || typeof entry.time !== 'number') continue;
    const reason = [entry.reason, entry.cause].filter((part) => typeof part === 'string').join(' ');
    failures.push({ atSeconds: (entry.time - started) / 1000, gateway, subgraph: String(entry.subgraph), reason });
  }
  return failures;
}

/** Every gateway's logged subgraph failures since `started`, oldest first. */
export async function loggedSubgraphFetchFailures(engine: Engine, stack: ComposeStack, gateways: readonly string[], started: number): Promise<SubgraphFetchFailure[]> {
  const all: SubgraphFetchFailure[] = [];
  for (const gateway of gateways) {
    const logs = await engine.run(['logs', stack.containerOf(gateway)], { timeoutMs: 30_000 });
    all.push(...subgraphFetchFailuresIn(`${logs.stdout}\n${logs.stderr}`, gateway, started).filter((failure) => failure.atSeconds >= 0));
  }
  return all.sort((a, b) => a.atSeconds - b.atSeconds);
}
