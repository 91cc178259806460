/**
 * Counts the selections a walk over a document visits. Every walk the gateway makes over a
 * client's document before executing it can take one, so a test can hold each walk to a bound
 * linear in the document's size: a count, unlike a duration, does not depend on the machine.
 */
export interface WalkMeter {
  selections: number;
}

/** The counting step of a walk: a no-op when nobody meters it, as in production. */
export function visitCounter(meter: WalkMeter | undefined): () => void {
  return meter ? () => void meter.selections++ : () => undefined;
}
