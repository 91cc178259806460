import { newSessionId, SESSION_ID_PATTERN } from '@shopgraph/shared';
import { describe, expect, it } from 'vitest';

describe('newSessionId', () => {
  it('when called, then it yields 22 base64url characters that decode to 128 bits', () => {
    const id = newSessionId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    // Canonical: the 22 characters are exactly the encoding of those 16 bytes.
    expect(Buffer.from(id, 'base64url').toString('base64url')).toBe(id);
  });

  it('when called, then the id satisfies the session claims pattern', () => {
    expect(SESSION_ID_PATTERN.test(newSessionId())).toBe(true);
  });

  it('when called many times, then no two ids are equal', () => {
    const ids = Array.from({ length: 5_000 }, () => newSessionId());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('when many ids are drawn, then every bit position takes both values (the bytes are not constant)', () => {
    const ids = Array.from({ length: 256 }, () => Buffer.from(newSessionId(), 'base64url'));
    const ones = new Array<number>(128).fill(0);
    for (const bytes of ids) {
      for (let bit = 0; bit < 128; bit++) ones[bit] = (ones[bit] ?? 0) + (((bytes[bit >> 3] ?? 0) >> (bit & 7)) & 1);
    }
    // With 256 draws, a fair bit is all-zero or all-one with probability 2^-255.
    for (const count of ones) {
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(ids.length);
    }
  });
});
