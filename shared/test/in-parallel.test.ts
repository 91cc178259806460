import { describe, expect, it } from 'vitest';
import { inParallel } from '../src/async/in-parallel.js';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe('inParallel', () => {
  it('when given more items than its bound, then it runs every item once and never more than the bound at a time', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await inParallel([...Array(20).keys()], 3, async (item) => {
      most = Math.max(most, ++running);
      await tick();
      seen.push(item);
      running--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    expect(most).toBe(3);
  });

  it('when a call fails, then no new call starts and it rejects with that error; without the failure every call runs', async () => {
    const run = async (failAt: number | undefined) => {
      const started: number[] = [];
      const outcome = await inParallel([...Array(20).keys()], 2, async (item) => {
        started.push(item);
        await tick();
        if (item === failAt) throw new Error(`item ${item} failed`);
      }).then(
        () => 'resolved',
        (error: Error) => error.message,
      );
      return { outcome, started: started.length };
    };
    expect(await run(undefined)).toEqual({ outcome: 'resolved', started: 20 });
    const failed = await run(4);
    expect(failed.outcome).toBe('item 4 failed');
    // Item 4 and, at most, the one call already in flight beside it.
    expect(failed.started).toBeLessThanOrEqual(6);
  });
});
