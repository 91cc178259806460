import { createInternalClient } from '@shopgraph/shared/server';
import { createLogger, type InternalContextSigner, type Session } from '@shopgraph/shared';
import type { SessionRevocations } from '@shopgraph/shared/server';
import { describe, expect, it } from 'vitest';
import { createSessionStatus } from '../src/session/session-status.js';

const logger = createLogger({ service: 'test', level: 'silent' });
const current: Session = { sessionId: 'CurrentCurrentCurrent0', customerId: 'cus_one', signInNumber: 3 };
const sibling: Session = { sessionId: 'SiblingSiblingSibling0', customerId: 'cus_one', signInNumber: 2 };
const stranger: Session = { sessionId: 'StrangerStrangerStrang', customerId: 'cus_two', signInNumber: 1 };

/** Redis as the status check sees it: every customer in `ended` has been marked, and each question is noted. */
function fakeRevocations() {
  const asked: string[] = [];
  const ended = new Set<string>();
  let hold: Promise<void> | undefined;
  const revocations: SessionRevocations = {
    async isEnded(session) {
      asked.push(session.sessionId);
      // Read before waiting: the answer is what Redis held when it was asked.
      const answer = ended.has(session.customerId ?? '');
      await hold;
      return answer;
    },
    revoke: async () => true,
    endSessionsThrough: async () => true,
    isComplete: async () => true,
    beginRestore: async () => 'restoring',
    markComplete: async () => true,
    withdrawComplete: async () => undefined,
  };
  const holdAnswers = (until: Promise<void>) => {
    hold = until;
  };
  return { revocations, asked, ended, holdAnswers };
}

const statusOver = (revocations: SessionRevocations) =>
  createSessionStatus({ revocations, identity: createInternalClient({ service: 'identity', timeoutMs: 1_500 }), signer: {} as InternalContextSigner, identityStatusUrl: 'http://127.0.0.1:9/internal/session-status', activeCacheMs: 60_000 });

describe('the session status check’s "not revoked" cache', () => {
  it('when this replica sees one session of a customer end, then it asks Redis again for the customer’s other sessions, and not for another customer’s', async () => {
    const redis = fakeRevocations();
    const status = statusOver(redis.revocations);
    for (const session of [current, sibling, stranger]) expect(await status.stateOf(session, 'r1', logger)).toBe('live');
    // Control: cached, the answers do not ask Redis again.
    for (const session of [current, sibling, stranger]) expect(await status.stateOf(session, 'r2', logger)).toBe('live');
    expect(redis.asked).toHaveLength(3);

    // A sign-out everywhere names only the session that asked for it; Redis has the mark.
    redis.ended.add('cus_one');
    status.forget([current.sessionId]);
    redis.asked.length = 0;
    expect(await status.stateOf(sibling, 'r3', logger)).toBe('ended');
    expect(await status.stateOf(stranger, 'r3', logger)).toBe('live');
    expect(redis.asked).toEqual([sibling.sessionId]);
  });

  it('when a "not revoked" answer was asked for before the customer’s sessions ended, then it serves its own request but is not reused', async () => {
    const redis = fakeRevocations();
    const status = statusOver(redis.revocations);
    expect(await status.stateOf(current, 'r1', logger)).toBe('live');
    let answer = () => undefined as void;
    redis.holdAnswers(new Promise<void>((resolve) => (answer = resolve)));
    const inFlight = status.stateOf(sibling, 'r2', logger);
    expect(redis.asked).toContain(sibling.sessionId);

    redis.ended.add('cus_one');
    status.forget([current.sessionId]);
    // The stale answer lands on a later millisecond than the forget, as it would in earnest.
    const forgotAt = Date.now();
    while (Date.now() <= forgotAt) await new Promise((resolve) => setImmediate(resolve));
    answer();
    expect(await inFlight).toBe('live');
    redis.holdAnswers(Promise.resolve());
    expect(await status.stateOf(sibling, 'r3', logger)).toBe('ended');
  });
});
