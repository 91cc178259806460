/**
 * Polls until `check` passes or the time is up, for effects that land asynchronously (another
 * replica's cached answer or search index, a background email): a condition waited for, never a
 * fixed sleep, with room for a busy machine.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
