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

/**
 * Polls a yes-or-no `check` until it answers true or the time is up, and answers its last
 * answer: for `expect(await becomesTrue(...)).toBe(true)`. `eventually` retries only a check
 * that throws, so a false from it would end the wait at once.
 */
export async function becomesTrue(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
