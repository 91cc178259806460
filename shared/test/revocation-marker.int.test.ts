import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createSessionRevocations } from '../src/redis/session-revocations.js';

/**
 * The marker that lets gateways trust Redis's revocations is set only while Redis still holds
 * what the setter found: a Redis that loses its data between identity's look and its write
 * (a restart without persistence, a failover to an empty replica) must not be vouched for.
 */
describe("the revocations' completeness marker", () => {
  const redis = new Redis(inject('redisUrl'));
  afterAll(() => redis.quit());
  const fresh = () => {
    const keyPrefix = `test:marker:${randomBytes(6).toString('hex')}:`;
    return { keyPrefix, revocations: createSessionRevocations({ redis, keyPrefix }), marker: `${keyPrefix}session:revocations-complete` };
  };
  /** What losing its data does to one deployment's keys. */
  const loseData = async (keyPrefix: string) => {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  };

  it('when a restore completes, then the marker is set and the restore key removed (the control)', async () => {
    const { keyPrefix, revocations, marker } = fresh();
    expect(await revocations.markComplete(30, await revocations.beginRestore(60))).toBe(true);
    expect(await redis.ttl(marker)).toBeGreaterThan(0);
    expect(await redis.keys(`${keyPrefix}*`)).toEqual([marker]);
    expect(await revocations.isComplete()).toBe(true);
  });

  it('when Redis loses its data during a restore, then the marker is not set', async () => {
    const { keyPrefix, revocations } = fresh();
    const restore = await revocations.beginRestore(60);
    await loseData(keyPrefix);
    expect(await revocations.markComplete(30, restore)).toBe(false);
    expect(await revocations.isComplete()).toBe(false);
  });

  it('when Redis loses its data after the marker was seen, then renewing it does not bring it back', async () => {
    const { keyPrefix, revocations } = fresh();
    await revocations.markComplete(30, await revocations.beginRestore(60));
    expect(await revocations.isComplete()).toBe(true);
    await loseData(keyPrefix);
    expect(await revocations.markComplete(30)).toBe(false);
    expect(await revocations.isComplete()).toBe(false);
  });

  it('when two replicas restore at once, then the first to finish sets the marker and the other leaves it be', async () => {
    const { keyPrefix, revocations, marker } = fresh();
    const [first, second] = [await revocations.beginRestore(60), await revocations.beginRestore(60)];
    expect(await revocations.markComplete(30, first)).toBe(true);
    expect(await revocations.markComplete(30, second)).toBe(true);
    expect(await redis.keys(`${keyPrefix}*`)).toEqual([marker]);
  });

  it('when the marker is still there, then renewing it extends it', async () => {
    const { revocations, marker } = fresh();
    await revocations.markComplete(5, await revocations.beginRestore(60));
    expect(await revocations.markComplete(300)).toBe(true);
    expect(await redis.ttl(marker)).toBeGreaterThan(5);
  });
});
