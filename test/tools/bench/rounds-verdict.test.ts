import { describe, expect, it } from 'vitest';
import { roundsVerdict } from '../../../tools/bench/gateway/round-ratios.js';

const atLeast = (bound: number) => (value: number) => value >= bound;

describe('a goal checked round by round', () => {
  it('when every round holds, then it holds', () => {
    expect(roundsVerdict([1.8, 1.7, 2.1], atLeast(1.7))).toBe('holds');
  });

  it('when the median holds but one round does not, then it does not hold, and says the median does', () => {
    expect(roundsVerdict([1.8, 1.2, 2.1], atLeast(1.7))).toBe('does not hold: fails in 1 of 3 rounds (the median holds)');
  });

  it('when a round has no figure, then that round cannot hold', () => {
    expect(roundsVerdict([1.8, Number.NaN, 2.1], atLeast(1.7))).toBe('does not hold: fails in 1 of 3 rounds (the median holds)');
  });

  it('when nothing was measured, then it is not called held', () => {
    expect(roundsVerdict([], atLeast(1.7))).toBe('not measured');
  });
});
