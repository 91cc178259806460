/** Rounds of retrying unprocessed batch keys before giving up loudly. */
export const MAX_BATCH_ROUNDS = 8;

/** Full-jitter exponential backoff, capped at one second. */
export function backoff(round: number): Promise<void> {
  const ceiling = Math.min(1_000, 25 * 2 ** round);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
