import { describe, expect, it } from 'vitest';
import { subgraphFetchFailuresIn } from '../../../tools/containers/gateway-warnings.js';

const STARTED = Date.UTC(2026, 11, 5, 1, 0, 0);
const line = (fields: Record<string, unknown>) => JSON.stringify({ level: 40, service: 'gateway', ...fields });

describe('the subgraph failures a gateway logged', () => {
  it('when the log has failed fetches among other lines, then each is read with its time on the run clock, subgraph and reason', () => {
    const log = [
      line({ time: STARTED + 2_000, msg: 'ran an operation that is not in the trusted-documents manifest' }),
      line({ time: STARTED + 19_700, msg: 'a subgraph did not answer', subgraph: 'cart', reason: 'TypeError', cause: 'UND_ERR_SOCKET' }),
      'not json, a subgraph did not answer',
      line({ time: STARTED + 21_250, msg: 'a subgraph did not answer', subgraph: 'catalog', reason: 'TimeoutError' }),
    ].join('\n');
    expect(subgraphFetchFailuresIn(log, 'gateway-2', STARTED)).toEqual([
      { atSeconds: 19.7, gateway: 'gateway-2', subgraph: 'cart', reason: 'TypeError UND_ERR_SOCKET' },
      { atSeconds: 21.25, gateway: 'gateway-2', subgraph: 'catalog', reason: 'TimeoutError' },
    ]);
  });

  it('when no fetch failed, then there is nothing to report', () => {
    expect(subgraphFetchFailuresIn(line({ time: STARTED, msg: 'listening' }), 'gateway-1', STARTED)).toEqual([]);
  });
});
