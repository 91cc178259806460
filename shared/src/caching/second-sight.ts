/**
 * Which keys came by recently, in a table of fingerprints whose size is fixed when it is made
 * (4 bytes a slot, whatever the traffic). A cache that admits a key only on its second sight
 * keeps nothing for a visitor that never comes back: a session that sends one request (a
 * crawler with a token, an app's single call) costs no cache entry, so memory does not grow
 * with the number of such sessions and the cache's garbage does not pile up in V8's old space.
 * A key that comes back while its slot still holds it is admitted (TinyLFU's doorkeeper).
 *
 * Collisions cost work, never a wrong answer: another key in the same slot makes this one wait
 * for one more sight, and two keys with the same slot and fingerprint (about one in 2^32) let
 * the second in at once.
 */
export class SecondSight {
  private readonly fingerprints: Uint32Array;
  private readonly mask: number;

  /** `slots` is rounded up to a power of two. */
  constructor(slots: number) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(2, slots)));
    this.fingerprints = new Uint32Array(size);
    this.mask = size - 1;
  }

  /** Whether `key` was seen before (its slot still holds it); if not, it is remembered now. */
  seenBefore(key: string): boolean {
    const hash = fnv1a(key);
    const slot = hash & this.mask;
    // Mixed so that the fingerprint does not repeat the bits the slot was chosen by; never 0,
    // which marks an empty slot.
    const fingerprint = (Math.imul(hash ^ (hash >>> 16), 0x45d9f3b) | 1) >>> 0;
    if (this.fingerprints[slot] === fingerprint) return true;
    this.fingerprints[slot] = fingerprint;
    return false;
  }

  /** The table's size in bytes: all it will ever hold. */
  get bytes(): number {
    return this.fingerprints.byteLength;
  }
}

/** 32-bit FNV-1a over the string's UTF-16 code units: fast, and spread enough for slots. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
