/**
 * Runs `work` on queued ids one batch at a time. Ids queued while a batch runs are coalesced
 * into the next one, and batches never overlap, so an older read can never overwrite a newer
 * one in the index.
 */
export function createCoalescingQueue(work: (ids: string[]) => Promise<void>, onError: (error: unknown) => void) {
  const pending = new Set<string>();
  let draining: Promise<void> | undefined;

  async function drain(): Promise<void> {
    while (pending.size > 0) {
      const ids = [...pending];
      pending.clear();
      try {
        await work(ids);
      } catch (error) {
        onError(error);
      }
    }
  }

  function kick(): Promise<void> {
    draining ??= drain().finally(() => {
      draining = undefined;
      // Ids pushed between the last batch and this callback would otherwise wait for the next push.
      if (pending.size > 0) void kick();
    });
    return draining;
  }

  return {
    /** Resolves once the ids (and anything queued with them) have been processed. */
    push(ids: readonly string[]): Promise<void> {
      for (const id of ids) pending.add(id);
      return kick();
    },
    /** Resolves when the queue is empty. */
    idle: (): Promise<void> => draining ?? Promise.resolve(),
  };
}
