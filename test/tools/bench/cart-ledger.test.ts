import { describe, expect, it } from 'vitest';
import { createCartLedger } from '../../../tools/bench/gateway/cart-ledger.js';

describe('a churn user’s cart ledger', () => {
  it('when an unanswered add lands after a read that did not show it yet, then nothing is counted doubled', () => {
    const ledger = createCartLedger();
    ledger.added('unanswered');
    ledger.read(0);
    ledger.added('confirmed');
    ledger.read(2);
    expect(ledger.linesDoubled).toBe(0);
    expect(ledger.linesLost).toBe(0);
  });

  it('when a read shows more than every add sent, then the excess is doubled', () => {
    const ledger = createCartLedger();
    ledger.added('confirmed');
    ledger.added('unanswered');
    ledger.read(3);
    expect(ledger.linesDoubled).toBe(1);
  });

  it('when a refused add shows up in the cart, then it counts as doubled: a refusal means it did not land', () => {
    const ledger = createCartLedger();
    ledger.added('refused');
    ledger.read(1);
    expect(ledger.linesDoubled).toBe(1);
  });

  it('when a read shows fewer than the confirmed adds, then the largest shortfall is lost, counted once', () => {
    const ledger = createCartLedger();
    ledger.added('confirmed');
    ledger.added('confirmed');
    ledger.read(1);
    ledger.read(1);
    expect(ledger.linesLost).toBe(1);
  });

  it('when the session is lost, then every confirmed line is lost', () => {
    const ledger = createCartLedger();
    ledger.added('confirmed');
    ledger.added('confirmed');
    ledger.added('unanswered');
    ledger.sessionLost();
    expect(ledger.linesLost).toBe(2);
  });
});
