import { createSessionKeyRing, createSessionTokenCodec, endedByMark, generateKeys, newSessionId, toSession } from '@shopgraph/shared';
import { describe, expect, it } from 'vitest';

describe('a customer’s mark', () => {
  it('ends the sessions numbered at or below it and no later one; without a mark, none', () => {
    expect(endedByMark(7, 7)).toBe(true);
    expect(endedByMark(6, 7)).toBe(true);
    expect(endedByMark(8, 7)).toBe(false);
    expect(endedByMark(7, undefined)).toBe(false);
  });

  it('ends a session without a number (one issued before sign-ins were numbered) whatever the mark', () => {
    expect(endedByMark(undefined, 0)).toBe(true);
    expect(endedByMark(undefined, undefined)).toBe(false);
  });

  it('when a session is encoded with its sign-in number, then the token carries it back; a token without one has none', async () => {
    const codec = createSessionTokenCodec(await createSessionKeyRing((await generateKeys('mark')).sessionKeys));
    const numbered = await codec.decode(await codec.encode({ sessionId: newSessionId(), customerId: 'cus_1', signInNumber: 42 }, 60));
    const unnumbered = await codec.decode(await codec.encode({ sessionId: newSessionId(), customerId: 'cus_1' }, 60));
    if (!numbered.ok || !unnumbered.ok) throw new Error('a token did not decode');
    expect(toSession(numbered.claims).signInNumber).toBe(42);
    expect(toSession(unnumbered.claims)).not.toHaveProperty('signInNumber');
  });
});
