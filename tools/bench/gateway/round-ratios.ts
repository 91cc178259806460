import { spreadOf, type Spread } from './stats.js';
import type { RoundFigures, ThroughputCell } from './throughput.js';

/** A ratio between two targets, taken round by round. */
export interface RoundRatio extends Spread {
  /** One ratio per round both targets ran, in round order. */
  perRound: number[];
}

/**
 * `pick(a) ÷ pick(b)` for each round, pairing the figures of the same round: the two ran minutes
 * apart at most, so drift on a shared machine moves both, where a ratio of medians would pair
 * figures from different rounds. NaN throughout when either cell is missing or was refused.
 */
export function roundRatio(a: ThroughputCell | undefined, b: ThroughputCell | undefined, pick: (round: RoundFigures) => number): RoundRatio {
  const perRound = (a?.rounds ?? []).flatMap((ofA) => {
    const ofB = b?.rounds.find((round) => round.round === ofA.round);
    if (!ofB) return [];
    const below = pick(ofB);
    return [Number.isFinite(below) && below > 0 ? pick(ofA) / below : Number.NaN];
  });
  return { ...spreadOf(perRound), perRound };
}
