import { describe, expect, it } from 'vitest';
import type { Cart } from '../src/domain/cart.js';
import { CHANGE_MEMORY_SECONDS, changeTime, rememberChange } from '../src/store/change-memory.js';

const NOW = 1_800_000_000.5;

function cartRemembering(recentChanges: Record<string, number> | undefined): Cart {
  const at = new Date(NOW * 1000).toISOString();
  return {
    id: 'cart_1',
    owner: { kind: 'session', sessionId: 's1' },
    version: 1,
    status: 'ACTIVE',
    lines: [],
    createdAt: at,
    updatedAt: at,
    expiresAt: at,
    ...(recentChanges ? { recentChanges } : {}),
  };
}

/** The ids an add's write would remove. */
const droppedBy = (plan: ReturnType<typeof rememberChange>) =>
  Object.entries(plan.names)
    .filter(([name]) => name.startsWith('#dropped'))
    .map(([, id]) => id);

/** `count` ids, `id0` the oldest, a millisecond apart, all within the age limit. */
const recent = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`id${i}`, NOW - 10 + i / 1000]));

describe('which change ids an add forgets', () => {
  it('when the memory is under its bound and nothing is old, then nothing is dropped (control)', () => {
    expect(droppedBy(rememberChange(cartRemembering(recent(4)), 'new', NOW, 5))).toEqual([]);
  });

  it('when the memory is at its bound, then the add drops the oldest id, so the bound holds with the new one', () => {
    const plan = rememberChange(cartRemembering(recent(5)), 'new', NOW, 5);
    expect(droppedBy(plan)).toEqual(['id0']);
    expect(plan.remove).toEqual(['changes.#dropped0']);
    expect(plan.names).toMatchObject({ '#change': 'new' });
  });

  it('when the map is far over the bound, then one write drops at most 16 ids, the oldest, and later adds catch up', () => {
    const dropped = droppedBy(rememberChange(cartRemembering(recent(40)), 'new', NOW, 5));
    expect(dropped).toEqual(Array.from({ length: 16 }, (_, i) => `id${i}`));
  });

  it('when ids are past their age, then they are dropped even under the bound', () => {
    const memory = { old1: NOW - CHANGE_MEMORY_SECONDS - 1, old2: NOW - CHANGE_MEMORY_SECONDS - 2, young: NOW - 1 };
    expect(droppedBy(rememberChange(cartRemembering(memory), 'new', NOW, 100)).sort()).toEqual(['old1', 'old2']);
  });

  it('when ids were applied in the same millisecond, then ties are broken by id, the same on every replica', () => {
    const memory = { b: NOW - 1, a: NOW - 1, c: NOW - 1 };
    expect(droppedBy(rememberChange(cartRemembering(memory), 'new', NOW, 2))).toEqual(['a', 'b']);
  });

  it('when the cart has no memory yet, then the add creates it with its own id', () => {
    const plan = rememberChange(cartRemembering(undefined), 'new', NOW, 5);
    expect(plan.values).toEqual({ ':firstChange': { new: NOW } });
    expect(plan.remove).toEqual([]);
  });

  it('when a change is timed, then milliseconds are kept, so adds within one second stay in order', () => {
    expect(changeTime(new Date(1_800_000_000_123))).toBe(1_800_000_000.123);
    expect(changeTime(new Date(1_800_000_000_124))).toBeGreaterThan(changeTime(new Date(1_800_000_000_123)));
  });
});
