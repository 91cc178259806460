/**
 * What a churn user can know of its cart's quantity: the adds confirmed, the adds whose answer
 * never came (a gateway's deadline passed, a replica died): each of those may land at any later
 * moment, even after a read that did not show it yet, and the largest shortfall and excess any
 * read showed against them. An add the cart refused did not land.
 */
export interface CartLedger {
  added(outcome: 'confirmed' | 'refused' | 'unanswered'): void;
  /** A read's quantity, while the session holds. */
  read(quantity: number): void;
  /** The session is gone: so is every line it confirmed. */
  sessionLost(): void;
  /** Units confirmed that some read did not show. */
  readonly linesLost: number;
  /** Units some read showed beyond every add sent (confirmed or unanswered). */
  readonly linesDoubled: number;
}

export function createCartLedger(): CartLedger {
  let confirmed = 0;
  let unanswered = 0;
  let lost = 0;
  let doubled = 0;
  return {
    added(outcome) {
      if (outcome === 'confirmed') confirmed++;
      else if (outcome === 'unanswered') unanswered++;
    },
    read(quantity) {
      lost = Math.max(lost, confirmed - quantity);
      doubled = Math.max(doubled, quantity - confirmed - unanswered);
    },
    sessionLost() {
      lost = confirmed;
    },
    get linesLost() {
      return lost;
    },
    get linesDoubled() {
      return doubled;
    },
  };
}
