import { spreadOf, type Spread } from './stats.js';

/** A ratio between two targets, taken round by round. */
export interface RoundRatio extends Spread {
  /** One ratio per round both targets ran, in round order. */
  perRound: number[];
}

/** Whatever was measured once per round: a throughput cell's rounds, a memory step's readings. */
interface Rounds<R extends { round: number }> {
  rounds: readonly R[];
}

/**
 * `pick(a) ÷ pick(b)` for each round, pairing the figures of the same round: the two ran minutes
 * apart at most, so drift on a shared machine moves both, where a ratio of medians would pair
 * figures from different rounds. NaN throughout when either cell is missing or was refused.
 */
export function roundRatio<R extends { round: number }>(a: Rounds<R> | undefined, b: Rounds<R> | undefined, pick: (round: R) => number): RoundRatio {
  const perRound = (a?.rounds ?? []).flatMap((ofA) => {
    const ofB = b?.rounds.find((round) => round.round === ofA.round);
    if (!ofB) return [];
    const below = pick(ofB);
    return [Number.isFinite(below) && below > 0 ? pick(ofA) / below : Number.NaN];
  });
  return { ...spreadOf(perRound), perRound };
}

/**
 * A goal checked round by round: "holds" only when every round holds (a round with no figure,
 * NaN, cannot); a median that holds over a round that does not is said as such, not counted as met.
 */
export function roundsVerdict(perRound: readonly number[], holds: (value: number) => boolean): string {
  if (perRound.length === 0) return 'not measured';
  const failing = perRound.filter((value) => !holds(value)).length;
  if (failing === 0) return 'holds';
  const fails = `does not hold: fails in ${failing} of ${perRound.length} rounds`;
  return holds(spreadOf(perRound).median) ? `${fails} (the median holds)` : fails;
}
