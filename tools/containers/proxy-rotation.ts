import { setTimeout as sleep } from 'node:timers/promises';
import type { ComposeStack } from './compose-stack.js';
import type { Engine } from './engine.js';
import { servedBy } from './proxy-log.js';

/** HAProxy's view of the gateways, read from its own request log. */
export interface ProxyRotation {
  /** Requests `server` has served so far, by the proxy's log. */
  served(server: string): Promise<number>;
  /**
   * Waits until the proxy sends `server` a request it logs after `baseline` (its count when the
   * replica was started again), calling `nudge` between looks when no other traffic runs.
   */
  waitServed(server: string, baseline: number, nudge?: () => Promise<void>): Promise<void>;
}

const WAIT_MS = 60_000;

export function proxyRotation(engine: Engine, stack: ComposeStack): ProxyRotation {
  const served = async (server: string) => {
    const logs = await engine.run(['logs', stack.containerOf('proxy')], { timeoutMs: 30_000 });
    return servedBy(`${logs.stdout}\n${logs.stderr}`)[server] ?? 0;
  };
  return {
    served,
    async waitServed(server, baseline, nudge) {
      const started = Date.now();
      while ((await served(server)) <= baseline) {
        if (Date.now() - started > WAIT_MS) throw new Error(`${server} is healthy again but HAProxy sent it no request within ${WAIT_MS / 1000} s: it has not rejoined`);
        await (nudge ? nudge() : sleep(500));
      }
    },
  };
}
